package io.gridflex.openadr;

import javax.xml.namespace.QName;

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
 * The events of one document, from the hardened parser (which validates against GridFlex's schema as it reads)
 * through the root check into JAXB.
 * <p>
 * The DOM path finishes each step before the next, so its refusals have a precedence: not well-formed (the parser's
 * fatal error, thrown to the caller), then a wrong root, then the first schema violation, then a value JAXB cannot
 * bind. One pass meets them in document order instead; to refuse with the same code, the first refusal of each kind
 * is recorded, binding stops, and the parser reads on, so a document that is not well-formed further down is still
 * refused as such, and {@link #result()} applies the DOM path's precedence. Not thread-safe; one per document.
 */
final class OnePass implements ContentHandler, ErrorHandler {

    private static final QName ROOT = new QName(OpenAdrNamespaces.OADR, "oadrPayload");

    private final UnmarshallerHandler binder;
    private boolean rootSeen;
    private OpenAdrXmlException wrongRoot;
    private SAXParseException violation;
    private OpenAdrXmlException unbound;

    /** @param binder a fresh JAXB handler for this document */
    OnePass(UnmarshallerHandler binder) {
        this.binder = binder;
    }

    /** The bound payload once the parser reached the end, or the refusal that takes precedence. */
    OadrPayload result() {
        if (wrongRoot != null) {
            throw wrongRoot;
        }
        if (violation != null) {
            throw OpenAdrSchema.invalid(violation);
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

    // ----- The parser's errors -----

    @Override
    public void warning(SAXParseException e) {
        // Warnings do not make a document unacceptable.
    }

    /**
     * A schema violation (the validator's messages start with their rule, {@code cvc-...}, in every locale) is
     * recorded and reading goes on; any other error is the parser's, and stops it as the DOM path's parser does.
     */
    @Override
    public void error(SAXParseException e) throws SAXParseException {
        if (!String.valueOf(e.getMessage()).startsWith("cvc-")) {
            throw e;
        }
        if (violation == null) {
            violation = e;
        }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
        throw e;
    }

    // ----- The parser's events, validated, into JAXB -----

    /** One SAX call into JAXB, which may refuse. */
    @FunctionalInterface
    private interface Call {

        void run() throws SAXException;
    }

    private void bind(Call call) {
        if (unbound != null || violation != null || wrongRoot != null) {
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
        if (!rootSeen) {
            rootSeen = true;
            QName found = new QName(uri, localName);
            if (!ROOT.equals(found)) {
                wrongRoot = OpenAdrXml.wrongRoot(found);
            }
        }
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
