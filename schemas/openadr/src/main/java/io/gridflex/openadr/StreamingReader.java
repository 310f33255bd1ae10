package io.gridflex.openadr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * Reads a payload that needs no signature check in one pass, without a DOM: the hardened SAX parser (the same
 * features and caps as {@link SecureXmlParser}) validates against GridFlex's schema as it scans, and feeds the root
 * check and JAXB ({@link OnePass}). The DOM path walked the document three times (parse, validate, bind) and built a
 * tree of it. The validator sits inside the parser rather than behind it as a {@code ValidatorHandler}, which would
 * look every name up in its symbol table again (a tenth of the time, by JFR).
 * <p>
 * A parser, a validator and an unmarshaller are costly to create and not thread-safe, so a few sets are pooled. A set
 * goes back to the pool only after the document it read was accepted: nothing a refused document left behind is
 * ever reused.
 */
final class StreamingReader {

    /**
     * Enough for every core to be reading (or, for {@link OpenAdrXml}'s marshallers, writing) at once; more callers
     * than this make (and drop) their own.
     */
    static final int POOLED = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final SecureXmlParser parser;
    private final JAXBContext context;
    private final SAXParserFactory factory;
    private final ArrayBlockingQueue<Pipeline> idle = new ArrayBlockingQueue<>(POOLED);

    StreamingReader(SecureXmlParser parser, Schema schema, JAXBContext context) {
        this.parser = parser;
        this.context = context;
        try {
            this.factory = SecureXmlParser.newSaxFactory();
            this.factory.setSchema(schema);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK XML parser lacks a required security feature", e);
        }
    }

    OadrPayload read(byte[] xml) {
        parser.requireAcceptableSize(xml);
        Pipeline pipeline = idle.poll();
        if (pipeline == null) {
            pipeline = newPipeline();
        }
        OadrPayload payload = pipeline.read(xml);
        idle.offer(pipeline);
        return payload;
    }

    private Pipeline newPipeline() {
        try {
            XMLReader reader = factory.newSAXParser().getXMLReader();
            SecureXmlParser.limit(reader);
            return new Pipeline(reader, context.createUnmarshaller(), new JaxbThreadHold());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK XML parser lacks a required security feature", e);
        } catch (JAXBException e) {
            throw new IllegalStateException("The generated OpenADR model does not bind", e);
        }
    }

    private record Pipeline(XMLReader reader, Unmarshaller unmarshaller, JaxbThreadHold hold) {

        OadrPayload read(byte[] xml) {
            OnePass pass = new OnePass(unmarshaller.getUnmarshallerHandler());
            reader.setContentHandler(pass);
            reader.setErrorHandler(pass);
            hold.hold();
            try {
                reader.parse(new InputSource(new ByteArrayInputStream(xml)));
            } catch (SAXParseException e) {
                throw SecureXmlParser.refusal(xml, e);
            } catch (SAXException | IOException e) {
                throw new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST,
                        "Unreadable OpenADR payload: " + e.getMessage(), e);
            } finally {
                hold.release();
            }
            return pass.result();
        }
    }
}
