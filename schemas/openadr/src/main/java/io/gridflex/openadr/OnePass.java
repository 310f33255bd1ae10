package io.gridflex.openadr;

import javax.xml.namespace.QName;
import javax.xml.validation.ValidatorHandler;

import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshallerHandler;

import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * The events of one document, from the hardened parser through the root check and the schema validator to JAXB.
 * <p>
 * The DOM path finishes each step before the next, so its refusals have a precedence: not well-formed (the parser's
 * own exception, not handled here), then a wrong root, then the first schema violation, then a value JAXB cannot
 * bind. One pass meets them in document order instead; to refuse with the same code, the first refusal of each kind
 * is recorded, the stages after it stop being fed, and the parser reads on, so a document that is not well-formed
 * further down is still refused as such. Not thread-safe; one per document.
 */
final class OnePass implements ContentHandler, ErrorHandler {

    private static final QName ROOT = new QName(OpenAdrNamespaces.OADR, "oadrPayload");

    private final ValidatorHandler validator;
    private final UnmarshallerHandler binder;
    private boolean rootSeen;
    private SAXParseException violation;
    private OpenAdrXmlException refused;
    private OpenAdrXmlException unbound;

    /** @param validator a validator of GridFlex's schema that this pass may rewire; {@code binder} a fresh handler */
    OnePass(ValidatorHandler validator, UnmarshallerHandler binder) {
        this.validator = validator;
        this.binder = binder;
        validator.setErrorHandler(this);
        validator.setContentHandler(new Binding());
    }

    /** The bound payload once the parser reached the end, or the refusal that takes precedence. */
    OadrPayload result() {
        if (refused != null) {
            throw refused;
        }
        if (unbound != null) {
            throw unbound;
        }
        try {
            return (OadrPayload) binder.getResult();
        } catch (JAXBException e) {
            throw OpenAdrXml.notBindable(e);
        }
    }

    /** One SAX call into the validator, which may throw. */
    @FunctionalInterface
    private interface Call {

        void run() throws SAXException;
    }

    private void validate(Call call) {
        if (refused != null) {
            return;
        }
        try {
            call.run();
        } catch (SAXException e) {
            refused = violation != null
                    ? OpenAdrSchema.invalid(violation)
                    : new OpenAdrXmlException(OadrResponseCode.COMPLIANCE_ERROR,
                            "Not valid OpenADR 2.0b: " + e.getMessage(), e);
        }
    }

    // ----- From the parser -----

    @Override
    public void setDocumentLocator(Locator locator) {
        validator.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() {
        validate(validator::startDocument);
    }

    @Override
    public void endDocument() {
        validate(validator::endDocument);
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) {
        validate(() -> validator.startPrefixMapping(prefix, uri));
    }

    @Override
    public void endPrefixMapping(String prefix) {
        validate(() -> validator.endPrefixMapping(prefix));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        if (!rootSeen) {
            rootSeen = true;
            QName found = new QName(uri, localName);
            if (!ROOT.equals(found) && refused == null) {
                refused = OpenAdrXml.wrongRoot(found);
            }
        }
        validate(() -> validator.startElement(uri, localName, qName, atts));
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        validate(() -> validator.endElement(uri, localName, qName));
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        validate(() -> validator.characters(ch, start, length));
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        validate(() -> validator.ignorableWhitespace(ch, start, length));
    }

    @Override
    public void processingInstruction(String target, String data) {
        validate(() -> validator.processingInstruction(target, data));
    }

    @Override
    public void skippedEntity(String name) {
        validate(() -> validator.skippedEntity(name));
    }

    // ----- From the validator: its violations -----

    @Override
    public void warning(SAXParseException e) {
        // Warnings do not make a document unacceptable.
    }

    @Override
    public void error(SAXParseException e) throws SAXParseException {
        fatalError(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
        if (violation == null) {
            violation = e;
        }
        throw e;
    }

    /** What the validator lets through, into JAXB until JAXB refuses something. */
    private final class Binding implements ContentHandler {

        private void bind(Call call) {
            if (unbound != null) {
                return;
            }
            try {
                call.run();
            } catch (SAXException e) {
                unbound = OpenAdrXml.notBindable(e);
            }
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            binder.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() {
            bind(binder::startDocument);
        }

        @Override
        public void endDocument() {
            bind(binder::endDocument);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            bind(() -> binder.startPrefixMapping(prefix, uri));
        }

        @Override
        public void endPrefixMapping(String prefix) {
            bind(() -> binder.endPrefixMapping(prefix));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            bind(() -> binder.startElement(uri, localName, qName, atts));
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            bind(() -> binder.endElement(uri, localName, qName));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            bind(() -> binder.characters(ch, start, length));
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            bind(() -> binder.ignorableWhitespace(ch, start, length));
        }

        @Override
        public void processingInstruction(String target, String data) {
            bind(() -> binder.processingInstruction(target, data));
        }

        @Override
        public void skippedEntity(String name) {
            bind(() -> binder.skippedEntity(name));
        }
    }
}
