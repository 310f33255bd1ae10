package io.gridflex.openadr.signature;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.VerifiedReference;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.gridflex.openadr.OpenAdrNamespaces;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.SecureXmlParser;
import io.gridflex.openadr.pki.Fingerprint;

/**
 * Verifies the XML signature of a received OpenADR 2.0b payload and its ReplayProtect, refusing with a
 * {@link SignatureRefusedException} that names the failed check and the response code to answer with.
 * <p>
 * In this order, cheapest and least trusting first: the document is parsed without DTDs or entities (the codec's
 * {@link SecureXmlParser}); it carries exactly one {@code ds:Signature}, directly before its one
 * {@code oadrSignedObject}; the signature uses the OpenADR profile's algorithms and exactly two same-document
 * references, one to that very {@code oadrSignedObject} and one to the {@code dsp:ReplayProtect} of this signature,
 * every referenced {@code Id} occurring once in the document (which defeats signature wrapping: a verified signature
 * over some other element proves nothing about the payload we act on); a certificate in {@code KeyInfo} is trusted
 * and valid now; the signature and both digests verify (santuario with secure validation); the ReplayProtect
 * timestamp is within the window of our clock, either way; and the signer's nonce was not accepted before within the
 * window. Only a message that passed everything is remembered, so forged messages cannot fill the nonce cache.
 * <p>
 * Thread-safe; make one per application (the nonce cache must be shared to catch replays).
 */
public final class OadrVerifier {

    /**
     * How far a signing time may be from our clock. OpenLEADR accepts 5 s; a minute leaves room for clock skew and a
     * slow network without keeping many nonces.
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Enough for 1,600 signed messages a second within the default window, at about 200 bytes each. */
    public static final int DEFAULT_MAX_NONCES = 100_000;

    private static final String DS = OpenAdrNamespaces.DS;

    private final Supplier<TrustedSigners> trusted;
    private final Clock clock;
    private final Duration window;
    private final NonceCache nonces;
    private final SecureXmlParser parser = new SecureXmlParser(OpenAdrXml.DEFAULT_MAX_BYTES);
    /** Trusted certificates seen in messages, parsed once; only trusted ones get in, so it stays small. */
    private final Map<Fingerprint, X509Certificate> parsedCertificates = new ConcurrentHashMap<>();

    public OadrVerifier(TrustedSigners trusted, Clock clock, Duration window) {
        this(trusted, clock, window, DEFAULT_MAX_NONCES);
    }

    /** @param maxNonces how many nonces are remembered at most; when full of unexpired ones, messages are refused */
    public OadrVerifier(TrustedSigners trusted, Clock clock, Duration window, int maxNonces) {
        this(constant(Objects.requireNonNull(trusted, "trusted")), clock, window, maxNonces);
    }

    /**
     * A verifier whose trusted signers may change while it runs (a renewed certificate taken without a restart):
     * {@code trusted} is asked on every message; the nonces seen stay remembered across changes.
     */
    public OadrVerifier(Supplier<TrustedSigners> trusted, Clock clock, Duration window) {
        this(trusted, clock, window, DEFAULT_MAX_NONCES);
    }

    private OadrVerifier(Supplier<TrustedSigners> trusted, Clock clock, Duration window, int maxNonces) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The replay window must be positive: " + window);
        }
        this.window = window;
        this.nonces = new NonceCache(maxNonces);
        SignatureProfile.initSantuario();
    }

    /** Verifies payload text; prefer {@link #verify(byte[])} with the bytes as received, which keeps their encoding. */
    public VerifiedPayload verify(String xml) {
        return verify(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws SignatureRefusedException when the signature is not accepted
     * @throws io.gridflex.openadr.OpenAdrXmlException when the bytes are not acceptable XML at all
     */
    public VerifiedPayload verify(byte[] xml) {
        return verify(parser.parse(xml));
    }

    /**
     * Verifies an already parsed payload, e.g. from {@code OpenAdrXml.parse}, so a message is parsed once. Registers
     * the referenced {@code Id} attributes as XML IDs in the document.
     */
    public VerifiedPayload verify(Document document) {
        Instant now = clock.instant();
        Element root = document.getDocumentElement();
        if (!is(root, OpenAdrNamespaces.OADR, "oadrPayload")) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "The root element is not oadr:oadrPayload");
        }
        Element signatureElement = theSignature(document);
        Element signedObject = theSignedObject(document, root, signatureElement);
        Element replayProtectElement = theReplayProtect(document, signatureElement);

        XMLSignature signature = readSignature(signatureElement);
        requireReferencesCover(document, signature.getSignedInfo(), signedObject, replayProtectElement);
        ReplayProtect replayProtect = ReplayProtect.read(replayProtectElement);

        X509Certificate signer = trustedSigner(signatureElement, now);
        requireValidSignature(signature, signer);
        requireFresh(replayProtect, signer, now);
        return new VerifiedPayload(document, signer, replayProtect.timestamp(), replayProtect.nonce());
    }

    private static Element theSignature(Document document) {
        NodeList signatures = document.getElementsByTagNameNS(DS, "Signature");
        if (signatures.getLength() == 0) {
            throw refuse(SignatureRefusal.NOT_SIGNED, "The payload is not signed (no ds:Signature)");
        }
        if (signatures.getLength() > 1) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                    "Exactly one ds:Signature expected, found " + signatures.getLength());
        }
        return (Element) signatures.item(0);
    }

    /** The payload's own signed object, the only one in the document, with its Id registered as an XML ID. */
    private static Element theSignedObject(Document document, Element root, Element signatureElement) {
        List<Element> children = children(root);
        List<Element> signedObjects = children.stream()
                .filter(e -> is(e, OpenAdrNamespaces.OADR, "oadrSignedObject"))
                .toList();
        int inDocument = document.getElementsByTagNameNS(OpenAdrNamespaces.OADR, "oadrSignedObject").getLength();
        if (signedObjects.size() != 1 || inDocument != 1) {
            throw refuse(SignatureRefusal.REFERENCE_MISMATCH, "Exactly one oadrSignedObject expected, found "
                    + inDocument + " (" + signedObjects.size() + " in oadrPayload)");
        }
        Element signedObject = signedObjects.getFirst();
        if (children.size() != 2 || children.get(0) != signatureElement) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                    "ds:Signature must be the first child of oadrPayload, directly before oadrSignedObject");
        }
        Attr id = signedObject.getAttributeNodeNS(OpenAdrNamespaces.OADR, "Id");
        if (id == null) {
            id = signedObject.getAttributeNodeNS(null, "Id"); // not schema-valid, but unambiguous
        }
        if (id == null) {
            throw refuse(SignatureRefusal.REFERENCE_MISMATCH,
                    "oadrSignedObject has no Id, so no signature reference can cover it");
        }
        signedObject.setIdAttributeNode(id, true);
        return signedObject;
    }

    /** The one ReplayProtect, a signature property in a {@code ds:Object} of this signature. */
    private static Element theReplayProtect(Document document, Element signatureElement) {
        NodeList found = document.getElementsByTagNameNS(OpenAdrNamespaces.DSP, "ReplayProtect");
        if (found.getLength() == 0) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "The signature has no dsp:ReplayProtect property");
        }
        if (found.getLength() > 1) {
            throw refuse(SignatureRefusal.REFERENCE_MISMATCH,
                    "Exactly one dsp:ReplayProtect expected, found " + found.getLength());
        }
        Element replayProtect = (Element) found.item(0);
        Node property = replayProtect.getParentNode();
        Node properties = property.getParentNode();
        Node object = properties == null ? null : properties.getParentNode();
        if (!is(property, DS, "SignatureProperty") || !is(properties, DS, "SignatureProperties")
                || !is(object, DS, "Object") || object.getParentNode() != signatureElement) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "dsp:ReplayProtect must be a ds:SignatureProperty in a"
                    + " ds:Object of the signature");
        }
        for (Node n : List.of(property, properties, object)) {
            Element e = (Element) n;
            if (e.hasAttributeNS(null, "Id")) {
                e.setIdAttributeNS(null, "Id", true);
            }
        }
        return replayProtect;
    }

    private static XMLSignature readSignature(Element signatureElement) {
        XMLSignature signature;
        try {
            // Secure validation: no external or XSLT resolution, limits on references and transforms, weak keys
            // and algorithms refused.
            signature = new XMLSignature(signatureElement, "", true);
        } catch (XMLSecurityException e) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "Unreadable ds:Signature: " + e.getMessage(), e);
        }
        SignedInfo signedInfo = signature.getSignedInfo();
        if (!SignatureProfile.CANONICALIZATIONS.contains(signedInfo.getCanonicalizationMethodURI())) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                    "Canonicalization not accepted: " + signedInfo.getCanonicalizationMethodURI());
        }
        if (!SignatureProfile.SIGNATURE_METHODS.contains(signedInfo.getSignatureMethodURI())) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "OpenADR 2.0b signs with RSA-SHA256 or ECDSA-SHA256, not "
                    + signedInfo.getSignatureMethodURI());
        }
        return signature;
    }

    private static void requireReferencesCover(Document document, SignedInfo signedInfo, Element signedObject,
            Element replayProtect) {
        if (signedInfo.getLength() != 2) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "Two references expected (#oadrSignedObject and the"
                    + " ReplayProtect property), found " + signedInfo.getLength());
        }
        Map<String, Integer> ids = idOccurrences(document);
        Element propertiesObject = (Element) replayProtect.getParentNode().getParentNode().getParentNode();
        boolean payloadCovered = false;
        boolean replayProtectCovered = false;
        for (int i = 0; i < 2; i++) {
            String uri = checkedReferenceUri(signedInfo, i);
            String fragment = uri.substring(1);
            if (ids.getOrDefault(fragment, 0) != 1) {
                throw refuse(SignatureRefusal.REFERENCE_MISMATCH, "Reference " + uri + " must name exactly one"
                        + " element, the Id occurs " + ids.getOrDefault(fragment, 0) + " times");
            }
            Element target = document.getElementById(fragment);
            if (target == signedObject) {
                payloadCovered = true;
            } else if (target != null && contains(target, replayProtect) && contains(propertiesObject, target)) {
                replayProtectCovered = true;
            } else {
                throw refuse(SignatureRefusal.REFERENCE_MISMATCH, "Reference " + uri
                        + " is neither the payload's oadrSignedObject nor the signature's ReplayProtect");
            }
        }
        if (!payloadCovered || !replayProtectCovered) {
            throw refuse(SignatureRefusal.REFERENCE_MISMATCH,
                    "The references must cover both the oadrSignedObject and the ReplayProtect property");
        }
    }

    /** A bare-name same-document reference with a SHA-256 digest and only canonicalization transforms. */
    private static String checkedReferenceUri(SignedInfo signedInfo, int index) {
        try {
            Reference reference = signedInfo.item(index);
            String uri = reference.getURI();
            if (uri == null || uri.length() < 2 || !uri.startsWith("#") || uri.startsWith("#xpointer(")) {
                throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                        "A reference must name an element of the payload by Id (\"#...\"), not \"" + uri + "\"");
            }
            String digest = reference.getMessageDigestAlgorithm().getAlgorithmURI();
            if (!SignatureProfile.SHA256.equals(digest)) {
                throw refuse(SignatureRefusal.PROFILE_VIOLATION, "Reference " + uri + " must use SHA-256, not "
                        + digest);
            }
            Transforms transforms = reference.getTransforms();
            for (int t = 0; transforms != null && t < transforms.getLength(); t++) {
                String transform = transforms.item(t).getURI();
                if (!SignatureProfile.CANONICALIZATIONS.contains(transform)) {
                    throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                            "Reference " + uri + " has a transform other than canonicalization: " + transform);
                }
            }
            return uri;
        } catch (XMLSecurityException e) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "Unreadable ds:Reference: " + e.getMessage(), e);
        }
    }

    /** How often each value of an attribute named Id, ID or id (any namespace) occurs in the document. */
    private static Map<String, Integer> idOccurrences(Document document) {
        Map<String, Integer> counts = new HashMap<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Node attribute = attributes.item(a);
                String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName();
                if (name.equalsIgnoreCase("id")) {
                    counts.merge(attribute.getNodeValue(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private X509Certificate trustedSigner(Element signatureElement, Instant now) {
        List<String> presented = new ArrayList<>();
        for (Element keyInfo : children(signatureElement, "KeyInfo")) {
            for (Element data : children(keyInfo, "X509Data")) {
                for (Element certificate : children(data, "X509Certificate")) {
                    byte[] der = decodeCertificate(certificate);
                    Fingerprint sha256 = Fingerprint.sha256(der);
                    if (trusted.get().trusts(sha256)) {
                        return requireValidNow(parsed(sha256, der), now);
                    }
                    presented.add(sha256.toString());
                }
            }
        }
        if (presented.isEmpty()) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION,
                    "The signature carries no ds:KeyInfo/ds:X509Data/ds:X509Certificate");
        }
        throw refuse(SignatureRefusal.UNTRUSTED_SIGNER,
                "Signed with a certificate that is not trusted, SHA-256 fingerprint " + String.join(", ", presented));
    }

    private static Supplier<TrustedSigners> constant(TrustedSigners trusted) {
        return () -> trusted;
    }

    private static byte[] decodeCertificate(Element certificate) {
        try {
            return Base64.getMimeDecoder().decode(certificate.getTextContent().strip());
        } catch (IllegalArgumentException e) {
            throw refuse(SignatureRefusal.PROFILE_VIOLATION, "ds:X509Certificate is not base64", e);
        }
    }

    private X509Certificate parsed(Fingerprint sha256, byte[] der) {
        return parsedCertificates.computeIfAbsent(sha256, key -> {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
            } catch (CertificateException e) {
                throw refuse(SignatureRefusal.PROFILE_VIOLATION, "ds:X509Certificate is not a certificate", e);
            }
        });
    }

    private static X509Certificate requireValidNow(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
            return certificate;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw refuse(SignatureRefusal.UNTRUSTED_SIGNER, "The signer's certificate "
                    + certificate.getSubjectX500Principal().getName() + " is not valid at " + now + " (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")",
                    e);
        }
    }

    private static void requireValidSignature(XMLSignature signature, X509Certificate signer) {
        boolean valid;
        try {
            valid = signature.checkSignatureValue(signer.getPublicKey());
        } catch (XMLSecurityException e) {
            throw refuse(SignatureRefusal.INVALID_SIGNATURE,
                    "The signature cannot be verified with the signer's key: " + e.getMessage(), e);
        }
        if (valid) {
            return;
        }
        List<String> changed = signature.getSignedInfo().getVerificationResults().stream()
                .filter(r -> !r.isValid())
                .map(VerifiedReference::getUri)
                .toList();
        throw refuse(SignatureRefusal.INVALID_SIGNATURE, changed.isEmpty()
                ? "The SignatureValue does not verify with the key of "
                        + signer.getSubjectX500Principal().getName()
                : "The digest of " + String.join(" and ", changed) + " does not match: changed after signing");
    }

    private void requireFresh(ReplayProtect replayProtect, X509Certificate signer, Instant now) {
        Duration offset = Duration.between(replayProtect.timestamp(), now);
        if (offset.abs().compareTo(window) > 0) {
            throw refuse(SignatureRefusal.STALE, "Signed at " + replayProtect.timestamp() + ", " + offset.toMillis()
                    + " ms from our clock (" + now + "); accepted: within " + window);
        }
        NonceCache.Outcome outcome = nonces.remember(Fingerprint.sha256(signer).toString(), replayProtect.nonce(),
                replayProtect.timestamp().plus(window), now);
        switch (outcome) {
            case SEEN -> throw refuse(SignatureRefusal.REPLAYED,
                    "Nonce " + replayProtect.nonce() + " of this signer was already accepted: a replayed message");
            case FULL -> throw refuse(SignatureRefusal.REPLAY_CACHE_FULL,
                    "Too many signed messages within " + window + " to remember their nonces; refused to stay safe");
            case NEW -> {
                // Accepted.
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }

    private static List<Element> children(Element parent, String dsLocalName) {
        return children(parent).stream().filter(e -> is(e, DS, dsLocalName)).toList();
    }

    private static boolean contains(Node ancestor, Node node) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(Node node, String namespace, String localName) {
        return node instanceof Element e && namespace.equals(e.getNamespaceURI())
                && localName.equals(e.getLocalName());
    }

    private static SignatureRefusedException refuse(SignatureRefusal reason, String message) {
        return new SignatureRefusedException(reason, message);
    }

    private static SignatureRefusedException refuse(SignatureRefusal reason, String message, Throwable cause) {
        return new SignatureRefusedException(reason, message, cause);
    }
}
