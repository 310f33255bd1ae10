package io.gridflex.openadr;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Turns bytes from a peer into a DOM without trusting them: no DTD at all (which rules out external entities, XXE
 * and entity-expansion bombs), no XInclude, a size cap checked before parsing and a cap on nesting depth.
 * <p>
 * Public so the signature verifier ({@code io.gridflex.openadr.signature}) parses with exactly the same hardening;
 * stateless and thread-safe. Refusals are {@link OpenAdrXmlException}s carrying the response code (400, 451).
 */
public final class SecureXmlParser {

    /** Far deeper than any OpenADR message (about 15 levels), far shallower than a stack overflow. */
    static final int MAX_ELEMENT_DEPTH = 100;

    private final int maxBytes;

    public SecureXmlParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public Document parse(byte[] xml) {
        requireAcceptableSize(xml);
        try {
            DocumentBuilder builder = newFactory().newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw refusal(xml, e);
        } catch (SAXException | IOException e) {
            throw new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST, "Unreadable OpenADR payload: " + e.getMessage(),
                    e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser lacks a required security feature", e);
        }
    }

    /** The checks made before a byte is parsed, shared with {@link StreamingReader} so both refuse alike. */
    void requireAcceptableSize(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST, "Empty OpenADR payload");
        }
        if (xml.length > maxBytes) {
            throw new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST,
                    "OpenADR payload of " + xml.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }

    /** A parser's fatal error as the refusal to answer with: 451 for a DOCTYPE, 400 for anything else. */
    static OpenAdrXmlException refusal(byte[] xml, SAXParseException e) {
        String where = " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")";
        if (declaresDoctype(xml, e)) {
            return new OpenAdrXmlException(OadrResponseCode.NOT_ALLOWED,
                    "DOCTYPE declarations are not allowed in OpenADR payloads" + where, e);
        }
        return new OpenAdrXmlException(OadrResponseCode.BAD_REQUEST,
                "OpenADR payload is not well-formed XML" + where + ": " + e.getMessage(), e);
    }

    /** Locale-proof: the parser's message is localized, the document itself is not. */
    private static boolean declaresDoctype(byte[] xml, SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        String head = new String(xml, 0, Math.min(xml.length, 4096), StandardCharsets.ISO_8859_1);
        return message.contains("DOCTYPE") || head.contains("<!DOCTYPE");
    }

    /**
     * The same hardening for a streaming (SAX) parser: {@link StreamingReader} reads unsigned payloads in one pass
     * without building a DOM, and must refuse exactly what {@link #parse(byte[])} refuses.
     */
    static SAXParserFactory newSaxFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }

    /** Limits a SAX factory cannot carry: set on each reader it makes. */
    static void limit(XMLReader reader) throws SAXException {
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        reader.setProperty("jdk.xml.maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
        reader.setProperty("jdk.xml.entityExpansionLimit", "100");
        reader.setErrorHandler(FAIL_ON_ERROR);
        reader.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("External entities are not allowed: " + systemId);
        });
    }

    private static DocumentBuilderFactory newFactory() throws ParserConfigurationException {
        // The JDK's own parser, whatever else is on the class path: the features below are known to work there.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
        factory.setAttribute("jdk.xml.entityExpansionLimit", "100");
        return factory;
    }

    /** The default handler prints to stderr and carries on after errors; a refusal must stop parsing. */
    static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unacceptable.
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };
}
