package io.gridflex.openadr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * GridFlex's OpenADR 2.0b schema, loaded from the class path, and the validation of documents against it.
 * Imports between our XSD files are resolved only among those files; nothing is ever fetched from elsewhere.
 */
final class OpenAdrSchema {

    static final String XSD_DIRECTORY = "openadr/xsd/";
    static final String ENTRY_POINT = "oadr.xsd";
    private static final Set<String> FILES = Set.of("oadr.xsd", "ei.xsd", "pyld.xsd", "emix.xsd", "power.xsd",
            "siscale.xsd", "strm.xsd", "xcal.xsd", "gml.xsd", "xmldsig.xsd", "xmldsig-properties.xsd");

    /** Value-level failures (a bad date, duration, enumeration) versus structural ones (wrong or missing element). */
    private static final Set<String> DATA_ERRORS = Set.of("cvc-datatype-valid", "cvc-pattern-valid",
            "cvc-enumeration-valid", "cvc-minInclusive-valid", "cvc-maxInclusive-valid", "cvc-type.3.1.3",
            "cvc-attribute.3", "cvc-elt.5.2.2", "cvc-id.1", "cvc-id.2");

    private final Schema schema;

    OpenAdrSchema() {
        this.schema = load();
    }

    Schema schema() {
        return schema;
    }

    void validate(Document document) {
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(document));
        } catch (SAXParseException e) {
            throw invalid(e);
        } catch (SAXException | IOException e) {
            throw new OpenAdrXmlException(OadrResponseCode.COMPLIANCE_ERROR,
                    "Not valid OpenADR 2.0b: " + e.getMessage(), e);
        }
    }

    static OpenAdrXmlException invalid(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        String key = message.contains(":") ? message.substring(0, message.indexOf(':')) : message;
        // The JDK suffixes some keys with the clause that failed (cvc-datatype-valid.1.2.1): match the rule, not the clause.
        OadrResponseCode code = DATA_ERRORS.stream().anyMatch(rule -> key.equals(rule) || key.startsWith(rule + "."))
                ? OadrResponseCode.INVALID_DATA
                : OadrResponseCode.COMPLIANCE_ERROR;
        String where = e.getLineNumber() > 0
                ? " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")"
                : "";
        return new OpenAdrXmlException(code, "Not valid OpenADR 2.0b" + where + ": " + message, e);
    }

    private static Schema load() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setResourceResolver(new BundledXsdResolver());
            URL entry = resource(ENTRY_POINT);
            try (InputStream in = entry.openStream()) {
                return factory.newSchema(new StreamSource(in, entry.toExternalForm()));
            }
        } catch (SAXException e) {
            throw new IllegalStateException("GridFlex's OpenADR schema does not compile", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL resource(String file) {
        URL url = OpenAdrSchema.class.getClassLoader().getResource(XSD_DIRECTORY + file);
        if (url == null) {
            throw new IllegalStateException("Missing OpenADR schema resource " + XSD_DIRECTORY + file);
        }
        return url;
    }

    /** Serves our own XSD files by file name and refuses every other location. */
    private static final class BundledXsdResolver implements LSResourceResolver {

        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            String file = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
            if (!FILES.contains(file)) {
                throw new IllegalStateException("OpenADR schema refers to an unknown location: " + systemId);
            }
            URL url = resource(file);
            try {
                return new BundledInput(url.toExternalForm(), url.openStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
