package io.gridflex.openadr.signature;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import io.gridflex.openadr.OpenAdrNamespaces;

/**
 * The {@code dsp:ReplayProtect} signature property: when the message was signed and a nonce that makes it unique.
 *
 * @param timestamp when the sender signed
 * @param nonce unique per signer within the replay window
 */
record ReplayProtect(Instant timestamp, String nonce) {

    /**
     * UTC with microseconds and {@code Z}, as OpenLEADR writes it: a valid {@code xs:dateTime} that every peer we know
     * parses (Python's {@code datetime.fromisoformat} before 3.11 reads at most six fractional digits).
     */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code <dsp:ReplayProtect xmlns:dsp="..."><dsp:timestamp>...</dsp:timestamp><dsp:nonce>...</dsp:nonce>}. */
    Element toElement(Document document) {
        Element replayProtect = document.createElementNS(OpenAdrNamespaces.DSP, "dsp:ReplayProtect");
        // Declared explicitly: digests are computed on this DOM, and the serialized text must read back identically.
        replayProtect.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:dsp", OpenAdrNamespaces.DSP);
        Element time = document.createElementNS(OpenAdrNamespaces.DSP, "dsp:timestamp");
        time.setTextContent(TIMESTAMP.format(timestamp));
        Element once = document.createElementNS(OpenAdrNamespaces.DSP, "dsp:nonce");
        once.setTextContent(nonce);
        replayProtect.appendChild(time);
        replayProtect.appendChild(once);
        return replayProtect;
    }

    /**
     * Reads a received ReplayProtect: exactly a timestamp with a time zone (an {@code xs:dateTime} without one does
     * not say when it was signed) and a non-empty nonce.
     */
    static ReplayProtect read(Element replayProtect) {
        List<Element> children = new ArrayList<>();
        for (Node n = replayProtect.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        if (children.size() != 2 || !isDsp(children.get(0), "timestamp") || !isDsp(children.get(1), "nonce")) {
            throw refusal("ReplayProtect must hold dsp:timestamp and dsp:nonce");
        }
        String nonce = children.get(1).getTextContent().strip();
        if (nonce.isEmpty()) {
            throw refusal("The ReplayProtect nonce is empty");
        }
        String text = children.get(0).getTextContent().strip();
        try {
            return new ReplayProtect(OffsetDateTime.parse(text).toInstant(), nonce);
        } catch (DateTimeParseException e) {
            throw refusal("The ReplayProtect timestamp is not a date-time with a time zone: " + text);
        }
    }

    private static boolean isDsp(Element element, String localName) {
        return OpenAdrNamespaces.DSP.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static SignatureRefusedException refusal(String message) {
        return new SignatureRefusedException(SignatureRefusal.PROFILE_VIOLATION, message);
    }
}
