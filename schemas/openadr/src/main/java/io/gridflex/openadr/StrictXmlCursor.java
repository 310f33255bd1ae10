package io.gridflex.openadr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pull scanner over the strict subset of XML that OpenADR peers write: UTF-8, an optional XML declaration, elements
 * with ASCII names and namespace prefixes, plain attribute values, text with the predefined entities and character
 * references, whitespace between elements. Comments, processing instructions, CDATA, a DOCTYPE, other encodings, a
 * carriage return in text and every well-formedness error are outside the subset: the scan stops with
 * {@link OutsideFastPath} and the caller reads the document with the full parser, which accepts it or refuses it with
 * its proper response code. The subset therefore only has to be sound, never complete.
 * <p>
 * The caller walks the document in schema order: {@link #at} peeks at the next start tag, {@link #open} enters it,
 * {@link #text} reads a simple element's content and closes it, {@link #close} leaves a complex one. Not thread-safe;
 * one per document.
 */
final class StrictXmlCursor {

    private static final int MAX_BINDINGS = 64;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_ATTRIBUTES = 8;
    private static final byte[] XMLNS = {'x', 'm', 'l', 'n', 's'};

    private final byte[] in;
    private int pos;

    /** In-scope namespace declarations, innermost last; {@code prefixes[i]} is empty for a default namespace. */
    private final byte[][] prefixes = new byte[MAX_BINDINGS][];
    private final String[] uris = new String[MAX_BINDINGS];
    private final int[] bindingDepths = new int[MAX_BINDINGS];
    private int bindings;

    /** Open elements: where each one's qualified name sits in the input, to match its end tag. */
    private final int[] openNameStarts = new int[MAX_DEPTH];
    private final int[] openNameEnds = new int[MAX_DEPTH];
    private int depth;

    /** The next start tag, once scanned by {@link #at} or {@link #open}, until {@link #open} enters it. */
    private boolean pending;
    private boolean pendingEmpty;
    private int nameStart;
    private int nameColon;
    private int nameEnd;
    private String pendingUri;
    private final int[] attributeStarts = new int[MAX_ATTRIBUTES];
    private final int[] attributeColons = new int[MAX_ATTRIBUTES];
    private final int[] attributeEnds = new int[MAX_ATTRIBUTES];
    private final String[] attributeValues = new String[MAX_ATTRIBUTES];
    private int attributes;

    /** The element just opened was written {@code <x/>}. */
    private boolean openedEmpty;

    StrictXmlCursor(byte[] in) {
        this.in = in;
        prolog();
    }

    /** Whether the next thing in the current element's content is a start tag of this name. */
    boolean at(String namespace, String localName) {
        if (openedEmpty) {
            return false;
        }
        if (!pending) {
            skipWhitespace();
            if (pos + 1 >= in.length || in[pos] != '<' || !isNameStart(in[pos + 1])) {
                return false;
            }
            startTag();
        }
        return matches(namespace, localName);
    }

    /** Enters the next element, which must have this name and no attributes. */
    void open(String namespace, String localName) {
        enter(namespace, localName);
        if (attributes != 0) {
            throw OutsideFastPath.INSTANCE;
        }
    }

    /**
     * Enters the next element, which must have this name and at most the one attribute named; returns that
     * attribute's value, or null when it is absent.
     */
    String open(String namespace, String localName, String attributeNamespace, String attributeName) {
        enter(namespace, localName);
        if (attributes == 0) {
            return null;
        }
        if (attributes != 1 || !attributeNamed(0, attributeNamespace, attributeName)) {
            throw OutsideFastPath.INSTANCE;
        }
        return attributeValues[0];
    }

    /** The prefix of the element just opened, as written; null when it has none. Valid until the next call. */
    String openedPrefix() {
        int start = openNameStarts[depth - 1];
        int end = openNameEnds[depth - 1];
        for (int i = start; i < end; i++) {
            if (in[i] == ':') {
                return new String(in, start, i - start, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /**
     * The namespace declarations in scope, outermost first, each prefix once ("" for the default namespace), as
     * {@code {prefix, uri}} pairs.
     */
    List<String[]> namespacesInScope() {
        List<String[]> scope = new ArrayList<>(bindings);
        for (int i = 0; i < bindings; i++) {
            String prefix = new String(prefixes[i], StandardCharsets.ISO_8859_1);
            scope.removeIf(binding -> binding[0].equals(prefix));
            scope.add(new String[]{prefix, uris[i]});
        }
        return scope;
    }

    /** Whether the element just opened was written empty ({@code <x/>}). */
    boolean openedEmpty() {
        return openedEmpty;
    }

    /** The text content of the element just opened, which must have no child element; closes it. */
    String text() {
        if (openedEmpty) {
            leave();
            return "";
        }
        int start = pos;
        boolean plain = true;
        while (true) {
            if (pos >= in.length) {
                throw OutsideFastPath.INSTANCE;
            }
            int b = in[pos];
            if (b == '<') {
                break;
            }
            if (b < 0x20 && b >= 0 && b != '\t' && b != '\n') {
                throw OutsideFastPath.INSTANCE; // control characters and CR (line-end normalization)
            }
            if (b < 0 || b == '&') {
                plain = false;
            } else if (b == '>' && pos >= start + 2 && in[pos - 1] == ']' && in[pos - 2] == ']') {
                throw OutsideFastPath.INSTANCE;
            }
            pos++;
        }
        String text = plain
                ? new String(in, start, pos - start, StandardCharsets.ISO_8859_1)
                : StrictXmlText.decode(in, start, pos);
        close();
        return text;
    }

    /** Leaves the current element: only whitespace may remain before its end tag. */
    void close() {
        if (openedEmpty) {
            leave();
            return;
        }
        if (pending) {
            throw OutsideFastPath.INSTANCE; // an element the caller does not expect
        }
        skipWhitespace();
        if (pos + 1 >= in.length || in[pos] != '<' || in[pos + 1] != '/') {
            throw OutsideFastPath.INSTANCE;
        }
        pos += 2;
        int start = openNameStarts[depth - 1];
        int length = openNameEnds[depth - 1] - start;
        if (pos + length > in.length || !Arrays.equals(in, pos, pos + length, in, start, start + length)) {
            throw OutsideFastPath.INSTANCE;
        }
        pos += length;
        skipWhitespace();
        if (pos >= in.length || in[pos] != '>') {
            throw OutsideFastPath.INSTANCE;
        }
        pos++;
        leave();
    }

    /** After the root element: nothing but whitespace may follow. */
    void finish() {
        if (depth != 0) {
            throw OutsideFastPath.INSTANCE;
        }
        skipWhitespace();
        if (pos != in.length) {
            throw OutsideFastPath.INSTANCE;
        }
    }

    // ----- Start and end of elements -----

    private void enter(String namespace, String localName) {
        if (!at(namespace, localName) || depth == MAX_DEPTH) {
            throw OutsideFastPath.INSTANCE;
        }
        pending = false;
        openNameStarts[depth] = nameStart;
        openNameEnds[depth] = nameEnd;
        depth++;
        openedEmpty = pendingEmpty;
    }

    private void leave() {
        openedEmpty = false;
        while (bindings > 0 && bindingDepths[bindings - 1] == depth) {
            bindings--;
        }
        depth--;
    }

    /** Scans {@code <name attributes>} or {@code <name attributes/>} at pos; its declarations take effect at once. */
    private void startTag() {
        pos++;
        nameStart = pos;
        nameColon = qualifiedName();
        nameEnd = pos;
        attributes = 0;
        while (true) {
            boolean spaced = skipWhitespace();
            if (pos >= in.length) {
                throw OutsideFastPath.INSTANCE;
            }
            if (in[pos] == '>') {
                pos++;
                pendingEmpty = false;
                break;
            }
            if (in[pos] == '/') {
                if (pos + 1 >= in.length || in[pos + 1] != '>') {
                    throw OutsideFastPath.INSTANCE;
                }
                pos += 2;
                pendingEmpty = true;
                break;
            }
            if (!spaced) {
                throw OutsideFastPath.INSTANCE;
            }
            attribute();
        }
        pendingUri = resolve(nameStart, nameColon);
        for (int i = 0; i < attributes; i++) {
            if (attributeColons[i] < 0) {
                continue; // unprefixed attributes are in no namespace; the callers accept none of them
            }
            resolve(attributeStarts[i], attributeColons[i]); // an unbound prefix is not well-formed
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(in, attributeStarts[i], attributeEnds[i], in, attributeStarts[j],
                        attributeEnds[j])) {
                    throw OutsideFastPath.INSTANCE;
                }
            }
        }
        pending = true;
    }

    private void attribute() {
        int start = pos;
        int colon = qualifiedName();
        int end = pos;
        skipWhitespace();
        if (pos >= in.length || in[pos] != '=') {
            throw OutsideFastPath.INSTANCE;
        }
        pos++;
        skipWhitespace();
        String value = quoted();
        if (isXmlns(start, colon, end)) {
            declare(colon < 0 ? new byte[0] : Arrays.copyOfRange(in, colon + 1, end), value);
            return;
        }
        if (colon >= 0 && colon - start == 3 && in[start] == 'x' && in[start + 1] == 'm' && in[start + 2] == 'l') {
            throw OutsideFastPath.INSTANCE; // xml:lang, xml:space ...: not in our messages
        }
        if (attributes == MAX_ATTRIBUTES) {
            throw OutsideFastPath.INSTANCE;
        }
        attributeStarts[attributes] = start;
        attributeColons[attributes] = colon;
        attributeEnds[attributes] = end;
        attributeValues[attributes] = value;
        attributes++;
    }

    private boolean isXmlns(int start, int colon, int end) {
        int length = (colon < 0 ? end : colon) - start;
        return length == 5 && Arrays.equals(in, start, start + 5, XMLNS, 0, 5);
    }

    private void declare(byte[] prefix, String uri) {
        if (prefix.length > 0 && (uri.isEmpty() || prefix.length == 3 && prefix[0] == 'x' && prefix[1] == 'm'
                && prefix[2] == 'l' || Arrays.equals(prefix, XMLNS))) {
            throw OutsideFastPath.INSTANCE; // undeclaring a prefix, or rebinding xml/xmlns
        }
        if ("http://www.w3.org/XML/1998/namespace".equals(uri) || "http://www.w3.org/2000/xmlns/".equals(uri)) {
            throw OutsideFastPath.INSTANCE;
        }
        for (int i = bindings - 1; i >= 0 && bindingDepths[i] == depth + 1; i--) {
            if (Arrays.equals(prefixes[i], prefix)) {
                throw OutsideFastPath.INSTANCE; // the same prefix declared twice on one tag
            }
        }
        if (bindings == MAX_BINDINGS) {
            throw OutsideFastPath.INSTANCE;
        }
        prefixes[bindings] = prefix;
        uris[bindings] = uri;
        bindingDepths[bindings] = depth + 1;
        bindings++;
    }

    /** The namespace of the name at {@code start}: its prefix's, or the default namespace (null when none). */
    private String resolve(int start, int colon) {
        int prefixLength = colon < 0 ? 0 : colon - start;
        for (int i = bindings - 1; i >= 0; i--) {
            byte[] prefix = prefixes[i];
            if (prefix.length == prefixLength && Arrays.equals(in, start, start + prefixLength, prefix, 0,
                    prefixLength)) {
                return uris[i].isEmpty() ? null : uris[i];
            }
        }
        if (colon >= 0) {
            throw OutsideFastPath.INSTANCE; // an unbound prefix
        }
        return null;
    }

    private boolean matches(String namespace, String localName) {
        if (!namespace.equals(pendingUri)) {
            return false;
        }
        int start = nameColon < 0 ? nameStart : nameColon + 1;
        if (nameEnd - start != localName.length()) {
            return false;
        }
        for (int i = 0; i < localName.length(); i++) {
            if (in[start + i] != localName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean attributeNamed(int index, String namespace, String localName) {
        int colon = attributeColons[index];
        if (colon < 0 || !namespace.equals(resolve(attributeStarts[index], colon))) {
            return false;
        }
        int start = colon + 1;
        if (attributeEnds[index] - start != localName.length()) {
            return false;
        }
        for (int i = 0; i < localName.length(); i++) {
            if (in[start + i] != localName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ----- Lexical pieces -----

    /** An ASCII name with at most one colon, neither first nor last; returns the colon's index or -1. */
    private int qualifiedName() {
        if (pos >= in.length || !isNameStart(in[pos])) {
            throw OutsideFastPath.INSTANCE;
        }
        int start = pos;
        int colon = -1;
        pos++;
        while (pos < in.length) {
            byte b = in[pos];
            if (b == ':') {
                if (colon >= 0 || pos + 1 >= in.length || !isNameStart(in[pos + 1])) {
                    throw OutsideFastPath.INSTANCE;
                }
                colon = pos;
            } else if (!isNameChar(b)) {
                break;
            }
            pos++;
        }
        if (pos - start > 64) {
            throw OutsideFastPath.INSTANCE;
        }
        return colon;
    }

    /** A quoted attribute value of printable ASCII without {@code <} or {@code &}. */
    private String quoted() {
        if (pos >= in.length || in[pos] != '"' && in[pos] != '\'') {
            throw OutsideFastPath.INSTANCE;
        }
        byte quote = in[pos++];
        int start = pos;
        while (pos < in.length && in[pos] != quote) {
            byte b = in[pos];
            if (b < 0x20 || b == '<' || b == '&' || b == 0x7f) {
                throw OutsideFastPath.INSTANCE;
            }
            pos++;
        }
        if (pos >= in.length) {
            throw OutsideFastPath.INSTANCE;
        }
        return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
    }

    /** Skips XML whitespace; whether there was any. */
    private boolean skipWhitespace() {
        int start = pos;
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\n' || in[pos] == '\t' || in[pos] == '\r')) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isNameStart(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_';
    }

    private static boolean isNameChar(byte b) {
        return isNameStart(b) || b >= '0' && b <= '9' || b == '-' || b == '.';
    }

    // ----- Prolog -----

    /** An optional byte-order mark and XML declaration (version 1.0, UTF-8), then whitespace up to the root. */
    private void prolog() {
        if (in.length >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
            pos = 3;
        }
        if (startsWith("<?xml") && pos + 5 < in.length && isSpace(in[pos + 5])) {
            pos += 5;
            declaration();
        }
        skipWhitespace();
        if (pos + 1 >= in.length || in[pos] != '<' || !isNameStart(in[pos + 1])) {
            throw OutsideFastPath.INSTANCE; // a comment, a PI, a DOCTYPE or no root
        }
    }

    private void declaration() {
        if (!pseudoAttribute("version", true).equals("1.0")) {
            throw OutsideFastPath.INSTANCE;
        }
        String encoding = pseudoAttribute("encoding", false);
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw OutsideFastPath.INSTANCE;
        }
        String standalone = pseudoAttribute("standalone", false);
        if (standalone != null && !standalone.equals("yes") && !standalone.equals("no")) {
            throw OutsideFastPath.INSTANCE;
        }
        skipWhitespace();
        if (!startsWith("?>")) {
            throw OutsideFastPath.INSTANCE;
        }
        pos += 2;
    }

    private String pseudoAttribute(String name, boolean required) {
        int start = pos;
        if (!skipWhitespace() || !startsWith(name)) {
            pos = start;
            if (required) {
                throw OutsideFastPath.INSTANCE;
            }
            return null;
        }
        pos += name.length();
        skipWhitespace();
        if (pos >= in.length || in[pos] != '=') {
            throw OutsideFastPath.INSTANCE;
        }
        pos++;
        skipWhitespace();
        return quoted();
    }

    private boolean startsWith(String ascii) {
        if (pos + ascii.length() > in.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (in[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }
}
