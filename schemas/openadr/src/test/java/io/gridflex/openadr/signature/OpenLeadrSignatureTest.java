package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.OpenAdrXmlException;
import io.gridflex.openadr.SharedOpenAdrFiles;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.openadr.signature.OpenLeadrSignedSamples.Sample;

/**
 * OpenLEADR's signed messages, byte for byte as it sent them, verify with our verifier when their certificate is
 * trusted and our clock is set just after their signing time; every way of breaking them is refused for the right
 * reason.
 */
class OpenLeadrSignatureTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String CREATED_EVENT = "ven_signed_oadrCreatedEvent_two_responses.xml";

    static List<Sample> signedSamples() throws IOException {
        return OpenLeadrSignedSamples.all();
    }

    static List<Sample> venSignedSamples() throws IOException {
        return OpenLeadrSignedSamples.venSigned();
    }

    private static OadrVerifier verifierAt(Instant now, TrustedSigners trusted) {
        return new OadrVerifier(trusted, Clock.fixed(now, ZoneOffset.UTC), WINDOW);
    }

    private static OadrVerifier trustingSignerOf(Sample sample, Instant now) {
        return verifierAt(now, TrustedSigners.certificates(sample.signer()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedSamples")
    void verifiesAsStoredWithItsCertificateTrusted(Sample sample) throws IOException {
        String listed = OpenLeadrSignedSamples.listedSha256(sample.name());
        if (listed != null) {
            assertThat(OpenLeadrSignedSamples.sha256(sample.bytes())).as("unchanged since capture").isEqualTo(listed);
        }

        VerifiedPayload verified = trustingSignerOf(sample, sample.signedAt().plusSeconds(1)).verify(sample.bytes());

        assertThat(verified.signer()).isEqualTo(sample.signer());
        assertThat(verified.signerFingerprint())
                .isEqualTo(OpenLeadrSignedSamples.listedFingerprint(sample.certificateFile(), "full"));
        assertThat(verified.signedAt()).isEqualTo(sample.signedAt());
        assertThat(verified.nonce()).isEqualTo(sample.nonce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void verifiesWithTheFingerprintInEitherForm(Sample sample) throws IOException {
        Instant now = sample.signedAt().plusSeconds(1);
        for (String form : List.of("short", "full")) {
            String fingerprint = OpenLeadrSignedSamples.listedFingerprint("dummy_ven.crt", form);

            VerifiedPayload verified = verifierAt(now, TrustedSigners.fingerprints(fingerprint)).verify(sample.bytes());

            assertThat(Fingerprint.openLeadr(verified.signer()).toString())
                    .isEqualTo(OpenLeadrSignedSamples.listedFingerprint("dummy_ven.crt", "short"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void isRefusedWhenAnotherCertificateIsTrusted(Sample sample) {
        OadrVerifier verifier = verifierAt(sample.signedAt().plusSeconds(1),
                TrustedSigners.certificates(OpenLeadrSignedSamples.certificate("dummy_vtn.crt"),
                        OpenLeadrSignedSamples.certificate("dummy_ca.crt")));

        assertRefused(() -> verifier.verify(sample.bytes()), SignatureRefusal.UNTRUSTED_SIGNER)
                .hasMessageContaining("49:FF:83:C6");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void isRefusedAfterAOneByteChangeInsideTheSignedObject(Sample sample) {
        byte[] changed = sample.bytes().clone();
        int at = indexOf(changed, "VEN-PEER-1".getBytes(StandardCharsets.US_ASCII),
                indexOf(changed, "<oadr:oadrSignedObject".getBytes(StandardCharsets.US_ASCII), 0));
        changed[at + "VEN-PEER-".length()] = '2';

        assertRefused(() -> trustingSignerOf(sample, sample.signedAt().plusSeconds(1)).verify(changed),
                SignatureRefusal.INVALID_SIGNATURE).hasMessageContaining("#oadrSignedObject");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void isRefusedWithATamperedReplayProtectTimestamp(Sample sample) {
        Instant later = sample.signedAt().plusSeconds(2);
        String tampered = sample.text().replace("<dsp:timestamp>" + sample.signedAt().toString().replace("Z", ""),
                "<dsp:timestamp>" + later.toString().replace("Z", ""));
        assertThat(tampered).isNotEqualTo(sample.text());

        assertRefused(() -> trustingSignerOf(sample, later).verify(tampered), SignatureRefusal.INVALID_SIGNATURE)
                .hasMessageContaining("#prop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void isRefusedWhenReplayed(Sample sample) {
        OadrVerifier verifier = trustingSignerOf(sample, sample.signedAt().plusSeconds(1));
        verifier.verify(sample.bytes());

        assertRefused(() -> verifier.verify(sample.bytes()), SignatureRefusal.REPLAYED)
                .hasMessageContaining(sample.nonce());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("venSignedSamples")
    void isAcceptedAtTheEdgesOfTheWindowAndRefusedOutside(Sample sample) {
        Instant signed = sample.signedAt();

        assertThat(trustingSignerOf(sample, signed.plus(WINDOW)).verify(sample.bytes()).signedAt()).isEqualTo(signed);
        assertThat(trustingSignerOf(sample, signed.minus(WINDOW)).verify(sample.bytes()).signedAt()).isEqualTo(signed);
        assertRefused(() -> trustingSignerOf(sample, signed.plus(WINDOW).plusMillis(1)).verify(sample.bytes()),
                SignatureRefusal.STALE);
        assertRefused(() -> trustingSignerOf(sample, signed.minus(WINDOW).minusMillis(1)).verify(sample.bytes()),
                SignatureRefusal.STALE);
    }

    @Test
    void isStaleByTheRealClock() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        OadrVerifier verifier = new OadrVerifier(TrustedSigners.certificates(sample.signer()), Clock.systemUTC(),
                OadrVerifier.DEFAULT_WINDOW);

        assertRefused(() -> verifier.verify(sample.bytes()), SignatureRefusal.STALE);
    }

    @Test
    void staleMessagesAreAnsweredNotAuthorized() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);

        assertThatThrownBy(() -> trustingSignerOf(sample, Instant.parse("2030-01-01T00:00:00Z"))
                .verify(sample.bytes()))
                .isInstanceOfSatisfying(OpenAdrXmlException.class, e -> assertThat(e.responseCode())
                        .isEqualTo(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED));
    }

    @Test
    void aSecondSignedObjectIsRefused() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String original = signedObject(sample.text());
        String forged = forged(original).replace(" oadr:Id=\"oadrSignedObject\"", "");

        for (String wrapped : List.of(sample.text().replace(original, original + forged),
                sample.text().replace(original, forged + original))) {
            assertRefused(() -> trustingSignerOf(sample, sample.signedAt()).verify(wrapped),
                    SignatureRefusal.REFERENCE_MISMATCH);
        }
    }

    @Test
    void aSignedObjectMovedIntoTheSignatureWithAForgedOneInItsPlaceIsRefused() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String original = signedObject(sample.text());
        String hideOriginal = "</ds:Object><ds:Object>" + original + "</ds:Object></ds:Signature>";

        // The forged payload without an Id (the reference still finds the moved original) ...
        String movedId = sample.text()
                .replace(original, forged(original).replace(" oadr:Id=\"oadrSignedObject\"", ""))
                .replace("</ds:Object></ds:Signature>", hideOriginal);
        // ... and with the same Id, so two elements answer to #oadrSignedObject.
        String duplicatedId = sample.text()
                .replace(original, forged(original))
                .replace("</ds:Object></ds:Signature>", hideOriginal);

        for (String wrapped : List.of(movedId, duplicatedId)) {
            assertThat(wrapped).contains("VEN-EVIL-1").isNotEqualTo(sample.text());
            assertRefused(() -> trustingSignerOf(sample, sample.signedAt()).verify(wrapped),
                    SignatureRefusal.REFERENCE_MISMATCH);
        }
    }

    @Test
    void anIdOnAnotherElementOfThePayloadIsRefused() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String wrapped = sample.text().replace("<ei:venID>VEN-PEER-1</ei:venID>",
                "<ei:venID Id=\"prop\">VEN-PEER-1</ei:venID>");

        assertRefused(() -> trustingSignerOf(sample, sample.signedAt()).verify(wrapped),
                SignatureRefusal.REFERENCE_MISMATCH).hasMessageContaining("#prop");
    }

    @Test
    void aSignatureAfterTheSignedObjectIsAProfileViolation() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String text = sample.text();
        String signature = text.substring(text.indexOf("<ds:Signature"),
                text.indexOf("</ds:Signature>") + "</ds:Signature>".length());
        String moved = text.replace(signature, "").replace("</oadr:oadrPayload>", signature + "</oadr:oadrPayload>");

        assertRefused(() -> trustingSignerOf(sample, sample.signedAt()).verify(moved),
                SignatureRefusal.PROFILE_VIOLATION).satisfies(
                        e -> assertThat(
                                ((OpenAdrXmlException) e).responseCode()).isEqualTo(OadrResponseCode.COMPLIANCE_ERROR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outsideTheProfile")
    void algorithmsAndTransformsOutsideTheProfileAreRefused(String what, String from, String to) throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String changed = sample.text().replace(from, to);
        assertThat(changed).isNotEqualTo(sample.text());

        assertRefused(() -> trustingSignerOf(sample, sample.signedAt()).verify(changed),
                SignatureRefusal.PROFILE_VIOLATION);
    }

    static List<Arguments> outsideTheProfile() {
        String c14nTransform = "<ds:Transform Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>";
        return List.of(
                Arguments.of("RSA-SHA512 signature", "xmldsig-more#rsa-sha256",
                        "xmldsig-more#rsa-sha512"),
                Arguments.of("SHA-1 digest", "xmlenc#sha256",
                        "xmldsig#sha1"),
                Arguments.of("XPath filter", c14nTransform,
                        "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                                + "<ds:XPath>not(self::text())</ds:XPath></ds:Transform>" + c14nTransform),
                Arguments.of("external reference", "URI=\"#prop\"",
                        "URI=\"http://example.org/prop\""),
                Arguments.of("no certificate", "ds:X509Certificate>",
                        "ds:X509SKI>"),
                Arguments.of("timestamp without time zone",
                        "Z</dsp:timestamp>", "</dsp:timestamp>"));
    }

    @Test
    void anUnsignedMessageIsRefusedAsNotSigned() throws IOException {
        byte[] unsigned = Files.readAllBytes(
                SharedOpenAdrFiles.openLeadrSession().resolve("ven_oadrCreatedEvent_two_responses.xml"));
        Sample signed = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);

        assertRefused(() -> trustingSignerOf(signed, signed.signedAt()).verify(unsigned), SignatureRefusal.NOT_SIGNED)
                .satisfies(e -> assertThat(((OpenAdrXmlException) e).responseCode())
                        .isEqualTo(OadrResponseCode.NOT_REGISTERED_OR_AUTHORIZED));
    }

    @Test
    void aDoctypeIsRefusedBeforeAnySignatureWork() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        String hostile = sample.text().replace("<oadr:oadrPayload",
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><oadr:oadrPayload");

        assertThatThrownBy(() -> trustingSignerOf(sample, sample.signedAt()).verify(hostile))
                .isInstanceOfSatisfying(OpenAdrXmlException.class,
                        e -> assertThat(e.responseCode()).isEqualTo(OadrResponseCode.NOT_ALLOWED))
                .isNotInstanceOf(SignatureRefusedException.class);
    }

    @Test
    void aDocumentParsedByTheCodecVerifiesAndBinds() throws IOException {
        Sample sample = OpenLeadrSignedSamples.venSigned(CREATED_EVENT);
        OpenAdrXml xml = new OpenAdrXml();
        Document document = xml.parse(sample.bytes());

        VerifiedPayload verified = trustingSignerOf(sample, sample.signedAt().plusSeconds(1)).verify(document);

        OadrCreatedEventType created = (OadrCreatedEventType) OadrMessages
                .body(xml.unmarshal(verified.document()));
        assertThat(created.getEiCreatedEvent().getVenID()).isEqualTo("VEN-PEER-1");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowingCallable verification,
            SignatureRefusal reason) {
        return assertThatThrownBy(verification).isInstanceOfSatisfying(SignatureRefusedException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.responseCode()).isEqualTo(reason.responseCode());
        });
    }

    private static String signedObject(String text) {
        int start = text.indexOf("<oadr:oadrSignedObject");
        int end = text.indexOf("</oadr:oadrSignedObject>") + "</oadr:oadrSignedObject>".length();
        assertThat(start).isPositive();
        return text.substring(start, end);
    }

    /** What an attacker would want acted on instead: the same message for another VEN. */
    private static String forged(String signedObject) {
        return signedObject.replace("VEN-PEER-1", "VEN-EVIL-1");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer : for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.US_ASCII));
    }
}
