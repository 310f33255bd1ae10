package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.gridflex.openadr.DispatchInterval;
import io.gridflex.openadr.EventReply;
import io.gridflex.openadr.LoadDispatchEvent;
import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.OpenAdrNamespaces;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.SharedOpenAdrFiles;
import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.pki.Fingerprint;
import io.gridflex.testsupport.TestPki.Identity;
import io.gridflex.testsupport.TestPki.KeyFormat;

/**
 * What GridFlex signs is valid OpenADR 2.0b (official schema), has OpenLEADR's signature layout, and verifies with
 * our verifier, for EC and RSA keys read from PEM files made at test time.
 */
class OadrSignerTest {

    private static final OpenAdrXml XML = new OpenAdrXml();
    private static final Instant NOW = Instant.parse("2026-05-04T10:15:30.250Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Stream<Arguments> messages() {
        LoadDispatchEvent event = new LoadDispatchEvent("evt-42", 3, "oadr://gridflex.io/dispatch", NOW,
                EventStatusEnumeratedType.FAR, NOW.plus(Duration.ofHours(1)),
                List.of(new DispatchInterval(Duration.ofMinutes(15), -2.5)), List.of("ven-1"), true);
        List<Arguments> arguments = new ArrayList<>();
        for (String key : List.of("ec", "rsa")) {
            arguments
                    .add(Arguments.of(key, "oadrDistributeEvent", OadrMessages.distributeEvent("d-1", "VTN-1", event)));
            arguments.add(Arguments.of(key, "oadrCreatedEvent",
                    OadrMessages.createdEvent("ven-1", "d-1", List.of(EventReply.optIn("evt-42", 3)))));
            arguments.add(Arguments.of(key, "oadrPoll", OadrMessages.poll("ven-1")));
            arguments.add(Arguments.of(key, "oadrResponse",
                    OadrMessages.response(OadrResponseCode.OK, "OK", "r-1", "ven-1")));
        }
        return arguments.stream();
    }

    private static Identity identity(String key) {
        return SigningIdentities.of(key);
    }

    private static OadrVerifier verifierTrusting(Identity identity) {
        return new OadrVerifier(TrustedSigners.certificates(identity.leaf()), CLOCK, Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void signedMessagesAreValidAgainstTheOfficialSchema(String key, String name, OadrPayload payload) {
        OadrSigner signer = new OadrSigner(SigningCredentials.fromPem(identity(key).key(), identity(key).certificate()),
                CLOCK);

        String signed = signer.sign(XML.marshal(payload));

        assertThatNoException().as("%s:%n%s", name, signed)
                .isThrownBy(() -> SharedOpenAdrFiles.validateAgainstOfficialSchema(signed));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("messages")
    void signedMessagesVerifyAndStillBind(String key, String name, OadrPayload payload) {
        Identity identity = identity(key);
        String signed = new OadrSigner(
                SigningCredentials.fromPem(identity.keyAs(KeyFormat.TRADITIONAL), identity.certificate()), CLOCK)
                .sign(XML.marshal(payload));

        VerifiedPayload verified = verifierTrusting(identity).verify(signed.getBytes(StandardCharsets.UTF_8));

        assertThat(verified.signer()).isEqualTo(identity.leaf());
        assertThat(verified.signedAt()).isEqualTo(NOW);
        assertThat(OadrMessages.body(XML.unmarshal(verified.document())))
                .isInstanceOf(OadrMessages.body(payload).getClass());
        assertThat(OadrMessages.body(XML.unmarshal(signed))).isInstanceOf(OadrMessages.body(payload).getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void theSignatureHasOpenLeadrsLayout(String key) throws Exception {
        Identity identity = identity(key);
        String signed = new OadrSigner(SigningIdentities.credentials(identity), CLOCK)
                .sign(XML.marshal(OadrMessages.poll("ven-1")));
        Element root = XML.parse(signed.getBytes(StandardCharsets.UTF_8)).getDocumentElement();

        List<Element> children = children(root);
        assertThat(children).extracting(Element::getLocalName).containsExactly("Signature", "oadrSignedObject");
        assertThat(children.get(1).getAttributeNS(OpenAdrNamespaces.OADR, "Id")).isEqualTo("oadrSignedObject");
        Element signature = children.getFirst();
        assertThat(children(signature)).extracting(Element::getLocalName)
                .containsExactly("SignedInfo", "SignatureValue", "KeyInfo", "Object");
        Element signedInfo = children(signature).getFirst();
        assertThat(children(signedInfo)).extracting(e -> e.getAttribute("Algorithm").isEmpty()
                ? e.getAttribute("URI")
                : e.getAttribute("Algorithm"))
                .containsExactly("http://www.w3.org/2001/10/xml-exc-c14n#",
                        key.equals("ec")
                                ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                                : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                        "#oadrSignedObject", "#prop");
        Element object = children(signature).get(3);
        assertThat(object.getAttribute("Id")).isEqualTo("prop");
        Element property = children(children(object).getFirst()).getFirst();
        assertThat(property.getLocalName()).isEqualTo("SignatureProperty");
        assertThat(property.getAttribute("Target")).isEqualTo("#" + signature.getAttribute("Id"));
        Element replayProtect = children(property).getFirst();
        assertThat(replayProtect.getNamespaceURI()).isEqualTo(OpenAdrNamespaces.DSP);
        assertThat(children(replayProtect)).extracting(Element::getTextContent)
                .first().isEqualTo("2026-05-04T10:15:30.250000Z");
        assertThat(children(replayProtect).get(1).getTextContent()).matches("[0-9a-f]{32}");
        String certificate = signature.getElementsByTagNameNS(OpenAdrNamespaces.DS, "X509Certificate").item(0)
                .getTextContent();
        assertThat(certificate.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getMimeDecoder().decode(certificate))))
                .isEqualTo(identity.leaf());
        assertThat(signed).doesNotContain("&#13;");
    }

    static Stream<String> keys() {
        return Stream.of("ec", "rsa");
    }

    @Test
    void everySignatureHasItsOwnNonce() {
        OadrSigner signer = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), CLOCK);
        OadrVerifier verifier = verifierTrusting(SigningIdentities.ec());
        String unsigned = XML.marshal(OadrMessages.poll("ven-1"));

        VerifiedPayload first = verifier.verify(signer.sign(unsigned));
        VerifiedPayload second = verifier.verify(signer.sign(unsigned));

        assertThat(first.nonce()).isNotEqualTo(second.nonce());
    }

    @Test
    void aFullNonceCacheRefusesWithAnErrorOfOurOwn() {
        OadrSigner signer = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), CLOCK);
        OadrVerifier verifier = new OadrVerifier(TrustedSigners.certificates(SigningIdentities.ec().leaf()), CLOCK,
                Duration.ofSeconds(5), 1);
        String unsigned = XML.marshal(OadrMessages.poll("ven-1"));
        verifier.verify(signer.sign(unsigned));

        assertThatThrownBy(() -> verifier.verify(signer.sign(unsigned)))
                .isInstanceOfSatisfying(SignatureRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SignatureRefusal.REPLAY_CACHE_FULL);
                    assertThat(e.responseCode()).isEqualTo(OadrResponseCode.DEPLOYMENT_ERROR_OR_OTHER);
                });
    }

    @Test
    void theSignedObjectIdIsAddedWhenAbsent() {
        String withoutId = XML.marshal(OadrMessages.poll("ven-1")).replace(" oadr:Id=\"oadrSignedObject\"", "");
        assertThat(withoutId).doesNotContain("oadr:Id");

        String signed = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), CLOCK).sign(withoutId);

        assertThat(signed).contains("oadr:Id=\"oadrSignedObject\"");
        assertThat(verifierTrusting(SigningIdentities.ec()).verify(signed).signer())
                .isEqualTo(SigningIdentities.ec().leaf());
    }

    @Test
    void aSignedPayloadIsNotSignedAgain() {
        OadrSigner signer = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), CLOCK);
        String signed = signer.sign(XML.marshal(OadrMessages.poll("ven-1")));

        assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(signed)).withMessageContaining("signed");
    }

    @Test
    void ourSignatureBreaksWhenTheContentChanges() {
        String signed = new OadrSigner(SigningIdentities.credentials(SigningIdentities.rsa()), CLOCK)
                .sign(XML.marshal(OadrMessages.poll("ven-1")));

        assertThatThrownBy(() -> verifierTrusting(SigningIdentities.rsa()).verify(signed.replace("ven-1", "ven-2")))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignatureRefusal.INVALID_SIGNATURE));
    }

    @Test
    void aSignerIsTrustedByItsOpenLeadrFingerprint() {
        Identity identity = SigningIdentities.ec();
        String signed = new OadrSigner(SigningIdentities.credentials(identity), CLOCK)
                .sign(XML.marshal(OadrMessages.poll("ven-1")));
        OadrVerifier verifier = new OadrVerifier(
                TrustedSigners.fingerprints(Fingerprint.openLeadr(identity.leaf()).toString()), CLOCK,
                Duration.ofSeconds(5));

        assertThat(verifier.verify(signed).signer()).isEqualTo(identity.leaf());
    }

    @Test
    void anotherSignerIsNotTrusted() {
        String signed = new OadrSigner(SigningIdentities.credentials(SigningIdentities.rsa()), CLOCK)
                .sign(XML.marshal(OadrMessages.poll("ven-1")));

        assertThatThrownBy(() -> verifierTrusting(SigningIdentities.ec()).verify(signed))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignatureRefusal.UNTRUSTED_SIGNER));
    }

    @Test
    void anExpiredSignerCertificateIsNotTrusted() {
        Clock afterExpiry = Clock.fixed(SigningIdentities.NOT_AFTER.plusSeconds(60), ZoneOffset.UTC);
        String signed = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), afterExpiry)
                .sign(XML.marshal(OadrMessages.poll("ven-1")));
        OadrVerifier verifier = new OadrVerifier(TrustedSigners.certificates(SigningIdentities.ec().leaf()),
                afterExpiry, Duration.ofSeconds(5));

        assertThatThrownBy(() -> verifier.verify(signed))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(SignatureRefusal.UNTRUSTED_SIGNER))
                .hasMessageContaining("not valid at");
    }

    @Test
    void onlyAnUnsignedOadrPayloadCanBeSigned() {
        OadrSigner signer = new OadrSigner(SigningIdentities.credentials(SigningIdentities.ec()), CLOCK);

        assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("<a xmlns=\"urn:x\"/>"));
    }

    private static List<Element> children(Node parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
