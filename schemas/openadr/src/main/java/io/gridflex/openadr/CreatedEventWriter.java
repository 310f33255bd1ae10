package io.gridflex.openadr;

import java.util.List;

import io.gridflex.openadr.model.ei.EventResponses;
import io.gridflex.openadr.model.oadr.OadrCreatedEventType;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.openadr.model.oadr.OadrSignedObject;
import io.gridflex.openadr.model.pyld.EiCreatedEvent;

/**
 * Writes an unsigned {@code oadrCreatedEvent}, the VEN's answer to every distribution, as text directly: the same
 * characters {@link OpenAdrXml#marshal} writes through JAXB ({@code CreatedEventWriterTest} compares them), in a
 * fraction of the time. It writes only a message whose every part is present where the schema requires it and
 * whose values are valid as they stand (a three-digit code, a modification number that is an {@code unsignedInt}, text
 * without control characters); for anything else {@link #write} returns null and JAXB, which validates, writes it
 * or refuses it.
 */
final class CreatedEventWriter {

    private static final String ROOT = rootStartTag();

    private CreatedEventWriter() {
    }

    /** The message as text, or null when it is not a plain oadrCreatedEvent this writer vouches for. */
    static String write(OadrPayload payload) {
        OadrSignedObject signed = payload.getOadrSignedObject();
        if (payload.getSignature() != null || signed == null || !onlyCreatedEvent(signed)) {
            return null;
        }
        OadrCreatedEventType created = signed.getOadrCreatedEvent();
        EiCreatedEvent ei = created.getEiCreatedEvent();
        String version = created.getSchemaVersion();
        if (ei == null || ei.getEiResponse() == null || ei.getVenID() == null || !isId(signed.getId())
                || version != null && !version.equals("2.0b") && !version.equals("2.0a")) {
            return null;
        }
        StringBuilder out = new StringBuilder(1024);
        out.append(ROOT).append("<oadr:oadrSignedObject");
        attribute(out, "oadr:Id", signed.getId());
        out.append("><oadr:oadrCreatedEvent");
        attribute(out, "ei:schemaVersion", created.getSchemaVersion());
        out.append("><pyld:eiCreatedEvent>");
        if (!response(out, "ei:eiResponse", ei.getEiResponse().getResponseCode(),
                ei.getEiResponse().getResponseDescription(), ei.getEiResponse().getRequestID(), null)) {
            return null;
        }
        if (ei.getEventResponses() != null && !eventResponses(out, ei.getEventResponses().getEventResponse())) {
            return null;
        }
        if (!element(out, "ei:venID", ei.getVenID())) {
            return null;
        }
        return out.append("</pyld:eiCreatedEvent></oadr:oadrCreatedEvent></oadr:oadrSignedObject></oadr:oadrPayload>")
                .toString();
    }

    private static boolean eventResponses(StringBuilder out, List<EventResponses.EventResponse> responses) {
        if (responses.isEmpty()) {
            out.append("<ei:eventResponses/>");
            return true;
        }
        out.append("<ei:eventResponses>");
        for (EventResponses.EventResponse response : responses) {
            if (response == null || response.getOptType() == null || response.getQualifiedEventID() == null
                    || !response(out, "ei:eventResponse", response.getResponseCode(),
                            response.getResponseDescription(), response.getRequestID(), response)) {
                return false;
            }
        }
        out.append("</ei:eventResponses>");
        return true;
    }

    /** An eiResponse, or an eventResponse when {@code event} is given (it adds the event and the opt). */
    private static boolean response(StringBuilder out, String tag, String code, String description,
            String requestId, EventResponses.EventResponse event) {
        if (!StrictValues.isResponseCode(code)) {
            return false;
        }
        out.append('<').append(tag).append('>');
        element(out, "ei:responseCode", code);
        if (description != null && !element(out, "ei:responseDescription", description)) {
            return false;
        }
        if (!element(out, "pyld:requestID", requestId)) {
            return false;
        }
        if (event != null) {
            long modification = event.getQualifiedEventID().getModificationNumber();
            if (modification < 0 || modification > 0xFFFF_FFFFL) {
                return false;
            }
            out.append("<ei:qualifiedEventID>");
            if (!element(out, "ei:eventID", event.getQualifiedEventID().getEventID())) {
                return false;
            }
            out.append("<ei:modificationNumber>").append(modification).append("</ei:modificationNumber>")
                    .append("</ei:qualifiedEventID><ei:optType>").append(event.getOptType().value())
                    .append("</ei:optType>");
        }
        out.append("</").append(tag).append('>');
        return true;
    }

    /** {@code <tag>text</tag>}, escaped as JAXB escapes text; false for a missing value or a control character. */
    private static boolean element(StringBuilder out, String tag, String text) {
        if (text == null) {
            return false;
        }
        out.append('<').append(tag).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c < 0x20 || c >= 0x7f && !isPlainUnicode(text, i)) {
                        return false;
                    }
                    out.append(c);
                }
            }
        }
        out.append("</").append(tag).append('>');
        return true;
    }

    /** Non-ASCII text is written as is when it is ordinary: no C1 controls, lone surrogates or non-characters. */
    private static boolean isPlainUnicode(String text, int i) {
        char c = text.charAt(i);
        if (c < 0xa0 || c == 0xfffe || c == 0xffff) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static void attribute(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("=\"").append(value).append('"');
        }
    }

    /** Absent, or a plain ASCII ID (which needs no escaping). */
    private static boolean isId(String value) {
        if (value == null) {
            return true;
        }
        try {
            StrictValues.id(value);
            return true;
        } catch (OutsideFastPath e) {
            return false;
        }
    }

    private static boolean onlyCreatedEvent(OadrSignedObject signed) {
        if (signed.getOadrCreatedEvent() == null) {
            return false;
        }
        int set = 0;
        for (Object body : OadrMessages.bodies(signed)) {
            set += body == null ? 0 : 1;
        }
        return set == 1;
    }

    private static String rootStartTag() {
        StringBuilder root = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        root.append("<oadr:oadrPayload");
        OpenAdrNamespaces.PREFIXES.forEach((uri, prefix) -> {
            if (!prefix.equals("dsig11")) {
                root.append(" xmlns:").append(prefix).append("=\"").append(uri).append('"');
            }
        });
        return root.append('>').toString();
    }
}
