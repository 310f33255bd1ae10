package io.gridflex.openadr;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * The one codec between OpenADR 2.0b XML and the generated model, shared by the VEN gateway and the VTN simulator.
 * <p>
 * Incoming documents are parsed without DTDs or entities, size- and depth-limited, required to have an
 * {@code oadr:oadrPayload} root and validated against GridFlex's schema before anything is bound; every refusal is an
 * {@link OpenAdrXmlException} carrying the response code to answer with (an unsigned distribution is checked by a
 * reader made for it, which leaves to the validating one whatever it cannot vouch for: see {@link DistributionReader}).
 * Outgoing messages are validated the same way, so GridFlex never emits a document a peer would have to reject; the
 * one written without JAXB, a plain oadrCreatedEvent, is valid by construction ({@link CreatedEventWriter}).
 * <p>
 * Thread-safe and expensive to create (it compiles the schema and the JAXB context): make one per application.
 */
public final class OpenAdrXml {

    /** Real OpenADR messages are a few kilobytes; a report with many intervals stays well below this. */
    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

    /** The {@code oadr:Id} of {@code oadrSignedObject} that signatures reference as {@code #oadrSignedObject}. */
    public static final String SIGNED_OBJECT_ID = "oadrSignedObject";

    private static final QName ROOT = new QName(OpenAdrNamespaces.OADR, "oadrPayload");

    /** Every generated package: substitution groups (units, payloads) cross namespaces. */
    private static final Class<?>[] OBJECT_FACTORIES = {io.gridflex.openadr.model.oadr.ObjectFactory.class,
            io.gridflex.openadr.model.ei.ObjectFactory.class, io.gridflex.openadr.model.pyld.ObjectFactory.class,
            io.gridflex.openadr.model.emix.ObjectFactory.class, io.gridflex.openadr.model.power.ObjectFactory.class,
            io.gridflex.openadr.model.siscale.ObjectFactory.class, io.gridflex.openadr.model.strm.ObjectFactory.class,
            io.gridflex.openadr.model.xcal.ObjectFactory.class, io.gridflex.openadr.model.gml.ObjectFactory.class,
            io.gridflex.openadr.model.ds.ObjectFactory.class, io.gridflex.openadr.model.dsp.ObjectFactory.class};

    private final JAXBContext context;
    private final OpenAdrSchema schema;
    private final SecureXmlParser parser;
    private final StreamingReader reader;
    /** Marshallers are not thread-safe and cost more to set up than a small message costs to write. */
    private final ArrayBlockingQueue<Marshaller> idleMarshallers = new ArrayBlockingQueue<>(StreamingReader.POOLED);

    public OpenAdrXml() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the largest payload accepted; bigger ones are refused before parsing */
    public OpenAdrXml(int maxBytes) {
        try {
            this.context = JAXBContext.newInstance(OBJECT_FACTORIES);
        } catch (JAXBException e) {
            throw new IllegalStateException("The generated OpenADR model does not bind", e);
        }
        this.schema = new OpenAdrSchema();
        this.parser = new SecureXmlParser(maxBytes);
        this.reader = new StreamingReader(parser, schema.schema(), context);
    }

    /**
     * The message as UTF-8 XML text, without whitespace between elements, as VTNs and VENs send it (indentation would
     * more than double a distribution's size on the wire). A VEN's oadrCreatedEvent is written directly
     * ({@link CreatedEventWriter}), character for character what JAXB would write; everything else through JAXB,
     * validated against the schema.
     */
    public String marshal(OadrPayload payload) {
        String answer = CreatedEventWriter.write(payload);
        return answer != null ? answer : marshalWithJaxb(payload);
    }

    /** What {@link #marshal} writes, always through JAXB: for comparing the direct writers with it. */
    String marshalWithJaxb(OadrPayload payload) {
        StringWriter out = new StringWriter();
        Marshaller marshaller = idleMarshallers.poll();
        try {
            if (marshaller == null) {
                marshaller = marshaller();
            }
            marshaller.marshal(payload, out);
        } catch (JAXBException e) {
            throw notValid(e); // A marshaller that refused a message is not reused.
        }
        idleMarshallers.offer(marshaller);
        return RootNamespaceOrder.apply(out.toString());
    }

    /**
     * The message as a DOM, for signing: {@code oadr:Id} of {@code oadrSignedObject} is registered as an XML ID so a
     * reference to {@code #oadrSignedObject} resolves. Serialize the signed document with {@link #toXml(Document)}.
     */
    public Document toDocument(OadrPayload payload) {
        Document document = newDocument();
        try {
            marshaller().marshal(payload, new DOMResult(document));
        } catch (JAXBException e) {
            throw notValid(e);
        }
        registerSignedObjectId(document);
        return document;
    }

    /** Serializes a document exactly as it is (no re-indentation, which would break a signature). */
    public String toXml(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize an OpenADR document", e);
        }
    }

    public OadrPayload unmarshal(String xml) {
        if (xml == null) {
            throw new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST, "Empty OpenADR payload");
        }
        return unmarshal(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses, checks and binds a received payload in one streaming pass, refusing exactly what {@link #parse(byte[])}
     * followed by {@link #unmarshal(Document)} refuses, with the same codes; use those two when a signature must be
     * verified in between. An unsigned oadrDistributeEvent in the form VTNs write it is read by a reader made for it
     * ({@link DistributionReader}); everything else, and anything that reader cannot vouch for, by the general one.
     */
    public OadrPayload unmarshal(byte[] xml) {
        parser.requireAcceptableSize(xml);
        OadrPayload distribution = DistributionReader.read(xml);
        return distribution != null ? distribution : reader.read(xml);
    }

    /** What {@link #unmarshal(byte[])} reads, always with the general reader: for comparing the fast reader with it. */
    OadrPayload unmarshalWithGeneralReader(byte[] xml) {
        return reader.read(xml);
    }

    /**
     * Parses and validates a received payload into a DOM, for verifying its signature before binding it with
     * {@link #unmarshal(Document)}. {@code oadr:Id} of {@code oadrSignedObject} is registered as an XML ID.
     */
    public Document parse(byte[] xml) {
        Document document = parser.parse(xml);
        requireOadrPayloadRoot(document);
        schema.validate(document);
        registerSignedObjectId(document);
        return document;
    }

    /** Binds a document; it is validated again, so any DOM, not only one from {@link #parse(byte[])}, is safe. */
    public OadrPayload unmarshal(Document document) {
        requireOadrPayloadRoot(document);
        schema.validate(document);
        return bind(document);
    }

    private OadrPayload bind(Document validated) {
        try {
            Unmarshaller unmarshaller = context.createUnmarshaller();
            return (OadrPayload) unmarshaller.unmarshal(validated);
        } catch (JAXBException e) {
            throw notBindable(e);
        }
    }

    /** The schema let it through, so what is left are values our model refuses (e.g. an out-of-range number). */
    static OpenAdrXmlException notBindable(JAXBException e) {
        return new OpenAdrXmlException(OadrResponseCode.INVALID_DATA,
                "OpenADR payload has values GridFlex cannot read: " + rootMessage(e), e);
    }

    static OpenAdrXmlException notBindable(SAXException e) {
        Throwable cause = e.getException() != null ? e.getException() : e;
        return new OpenAdrXmlException(OadrResponseCode.INVALID_DATA,
                "OpenADR payload has values GridFlex cannot read: " + cause.getMessage(), e);
    }

    private Marshaller marshaller() throws JAXBException {
        Marshaller marshaller = context.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        marshaller.setProperty("org.glassfish.jaxb.namespacePrefixMapper", new OadrPrefixMapper());
        marshaller.setSchema(schema.schema());
        return marshaller;
    }

    private static void requireOadrPayloadRoot(Document document) {
        Element root = document.getDocumentElement();
        QName found = root == null ? null : new QName(root.getNamespaceURI(), root.getLocalName());
        if (!ROOT.equals(found)) {
            throw wrongRoot(found);
        }
    }

    static OpenAdrXmlException wrongRoot(QName found) {
        return new OpenAdrXmlException(OadrResponseCode.COMPLIANCE_ERROR,
                "Root element must be oadrPayload in namespace " + OpenAdrNamespaces.OADR + ", found " + found);
    }

    private static void registerSignedObjectId(Document document) {
        for (Node child = document.getDocumentElement().getFirstChild(); child != null; child = child
                .getNextSibling()) {
            if (child instanceof Element element && "oadrSignedObject".equals(element.getLocalName())
                    && element.hasAttributeNS(OpenAdrNamespaces.OADR, "Id")) {
                element.setIdAttributeNS(OpenAdrNamespaces.OADR, "Id", true);
            }
        }
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Building an invalid message is a programming error on our side, not a peer's fault. */
    private static IllegalArgumentException notValid(JAXBException e) {
        return new IllegalArgumentException("Refusing to emit invalid OpenADR 2.0b: " + rootMessage(e), e);
    }

    private static String rootMessage(JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
        if (cause instanceof SAXParseException sax) {
            return sax.getMessage();
        }
        return cause != null ? String.valueOf(cause.getMessage()) : String.valueOf(e.getMessage());
    }
}
