package io.gridflex.vtnsim.openadr;

/**
 * Tells a body that is not XML at all (empty, JSON, plain text) from XML that may be broken or hostile. Only the
 * latter is an OpenADR message gone wrong and gets an oadrResponse; the former is a client on the wrong endpoint.
 */
public final class XmlSniffer {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private XmlSniffer() {
    }

    /** True when the first character after an optional byte-order mark and whitespace is {@code <}. */
    public static boolean looksLikeXml(byte[] body) {
        if (body == null) {
            return false;
        }
        int i = startsWith(body, UTF8_BOM) ? UTF8_BOM.length : 0;
        while (i < body.length && isXmlWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }

    private static boolean isXmlWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
