package io.gridflex.openadr.signature;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.gridflex.openadr.OpenAdrNamespaces;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.SecureXmlParser;

/**
 * Signs outgoing OpenADR 2.0b payloads as the B profile requires when a program asks for XML signatures.
 * <p>
 * The result has the shape OpenLEADR produces and checks: a {@code ds:Signature} as the first child of
 * {@code oadrPayload}, before {@code oadrSignedObject}, with two SHA-256 references, {@code #oadrSignedObject}
 * (the {@code oadr:Id} of the payload's signed object) and {@code #prop}, a {@code ds:Object} holding
 * {@code ds:SignatureProperties/ds:SignatureProperty/dsp:ReplayProtect} with the signing time and a random nonce;
 * the signer's certificate in {@code ds:KeyInfo/ds:X509Data}. The canonicalization is exclusive C14N (see
 * {@link SignatureProfile} for why).
 * <p>
 * Thread-safe; make one per signing identity and share it.
 */
public final class OadrSigner {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 16;
    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private final SigningCredentials credentials;
    private final Clock clock;
    private final SecureXmlParser parser = new SecureXmlParser(OpenAdrXml.DEFAULT_MAX_BYTES);
    private final String certificateBase64;

    public OadrSigner(SigningCredentials credentials, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.certificateBase64 = pemStyleBase64(encoded(credentials.certificate()));
        SignatureProfile.initSantuario();
    }

    /**
     * Signs one payload.
     *
     * @param payloadXml an unsigned {@code oadrPayload}, as {@code OpenAdrXml.marshal} writes it
     * @return the signed payload as UTF-8 XML text; send it exactly as returned (any re-indentation breaks it)
     * @throws IllegalArgumentException if the text is not an unsigned {@code oadrPayload}
     */
    public String sign(String payloadXml) {
        Document document = parser.parse(payloadXml.getBytes(StandardCharsets.UTF_8));
        Element root = document.getDocumentElement();
        if (!isOadr(root, "oadrPayload")) {
            throw new IllegalArgumentException("Only an oadr:oadrPayload can be signed, not " + root.getTagName());
        }
        Element signedObject = signedObject(root);
        String id = markSignedObject(signedObject);
        try {
            XMLSignature signature = new XMLSignature(document, "", credentials.signatureMethod(),
                    SignatureProfile.EXCLUSIVE_C14N);
            signature.setId(SignatureProfile.SIGNATURE_ID);
            root.insertBefore(signature.getElement(), signedObject);
            signature.addDocument("#" + id, canonicalization(document), SignatureProfile.SHA256);
            signature.appendObject(replayProtectObject(document));
            signature.addDocument("#" + SignatureProfile.PROPERTIES_ID, canonicalization(document),
                    SignatureProfile.SHA256);
            signature.getKeyInfo().getElement().appendChild(x509Data(document));
            compact(signature.getElement());
            signature.sign(credentials.privateKey());
            Element value = child(signature.getElement(), "SignatureValue");
            // One line, like OpenLEADR; santuario's MIME base64 would write CR characters as &#13;.
            value.setTextContent(Base64.getEncoder().encodeToString(signature.getSignatureValue()));
        } catch (XMLSecurityException e) {
            throw new IllegalStateException("Cannot sign an OpenADR payload: " + e.getMessage(), e);
        }
        return serialize(document);
    }

    /** The certificate peers have to trust for these signatures. */
    public X509Certificate certificate() {
        return credentials.certificate();
    }

    private static Element signedObject(Element root) {
        List<Element> children = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        if (children.size() != 1 || !isOadr(children.getFirst(), "oadrSignedObject")) {
            throw new IllegalArgumentException(
                    "An unsigned oadrPayload holds exactly one oadrSignedObject; is it already signed?");
        }
        return children.getFirst();
    }

    /** Ensures {@code oadr:Id="oadrSignedObject"} (the schema qualifies the attribute) and registers it as an ID. */
    private static String markSignedObject(Element signedObject) {
        Attr id = signedObject.getAttributeNodeNS(OpenAdrNamespaces.OADR, "Id");
        if (id == null) {
            String prefix = signedObject.lookupPrefix(OpenAdrNamespaces.OADR);
            if (prefix == null) {
                prefix = "oadr";
                signedObject.setAttributeNS(XMLNS, "xmlns:oadr", OpenAdrNamespaces.OADR);
            }
            signedObject.setAttributeNS(OpenAdrNamespaces.OADR, prefix + ":Id", OpenAdrXml.SIGNED_OBJECT_ID);
            id = signedObject.getAttributeNodeNS(OpenAdrNamespaces.OADR, "Id");
        } else if (!OpenAdrXml.SIGNED_OBJECT_ID.equals(id.getValue())) {
            throw new IllegalArgumentException("oadrSignedObject has oadr:Id \"" + id.getValue()
                    + "\"; OpenADR references it as #" + OpenAdrXml.SIGNED_OBJECT_ID);
        }
        signedObject.setIdAttributeNode(id, true);
        return id.getValue();
    }

    private ObjectContainer replayProtectObject(Document document) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        ReplayProtect replayProtect = new ReplayProtect(clock.instant(), HexFormat.of().formatHex(nonce));

        Element property = document.createElementNS(OpenAdrNamespaces.DS, "ds:SignatureProperty");
        property.setAttributeNS(null, "Id", SignatureProfile.REPLAY_PROTECT_PROPERTY_ID);
        // Target names the signature the property belongs to (XML Signature 4.5); the schema requires it.
        property.setAttributeNS(null, "Target", "#" + SignatureProfile.SIGNATURE_ID);
        property.appendChild(replayProtect.toElement(document));
        Element properties = document.createElementNS(OpenAdrNamespaces.DS, "ds:SignatureProperties");
        properties.appendChild(property);

        ObjectContainer object = new ObjectContainer(document);
        object.setId(SignatureProfile.PROPERTIES_ID);
        object.appendChild(properties);
        return object;
    }

    private Element x509Data(Document document) {
        Element data = document.createElementNS(OpenAdrNamespaces.DS, "ds:X509Data");
        Element certificate = document.createElementNS(OpenAdrNamespaces.DS, "ds:X509Certificate");
        certificate.setTextContent(certificateBase64);
        data.appendChild(certificate);
        return data;
    }

    private static Transforms canonicalization(Document document) throws XMLSecurityException {
        Transforms transforms = new Transforms(document);
        transforms.addTransform(SignatureProfile.EXCLUSIVE_C14N);
        return transforms;
    }

    /**
     * Drops the line breaks santuario puts between signature elements and the {@code xmlns:ds} it repeats on each,
     * before anything is digested: the signature then reads like OpenLEADR's, and nothing changes meaning.
     */
    private static void compact(Element element) {
        for (Node n = element.getFirstChild(); n != null;) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank()) {
                element.removeChild(n);
            } else if (n instanceof Element child) {
                if (OpenAdrNamespaces.DS.equals(child.getAttributeNS(XMLNS, "ds"))) {
                    child.removeAttributeNS(XMLNS, "ds");
                }
                compact(child);
            }
            n = next;
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && OpenAdrNamespaces.DS.equals(e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new IllegalStateException("The signature has no ds:" + localName);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate " + certificate.getSubjectX500Principal()
                    + " cannot be encoded", e);
        }
    }

    /** Lines of 64 characters, each ending in a newline, as in a PEM file and OpenLEADR's messages. */
    private static String pemStyleBase64(byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return out.toString();
    }

    private static String serialize(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize a signed OpenADR payload", e);
        }
    }

    private static boolean isOadr(Element element, String localName) {
        return OpenAdrNamespaces.OADR.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }
}
