package io.gridflex.siteagent.miner.cgminerapi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON that cgminer-family APIs actually send, which is often not quite JSON: a trailing NUL, a comma
 * before a closing brace ({@code ",}"}), objects glued together without a comma ({@code "}{"}, inside arrays of
 * {@code stats} and between the sections of a joined command), bare {@code inf}/{@code nan} numbers. A non-finite
 * number is read as {@code null}: it is no reading, and the field is then reported missing. A reply cut short (the
 * miner closed mid-answer or sent more than the size cap) is an error that says so, never a partial object.
 */
public final class CgminerJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private CgminerJson() {
    }

    /** The mapper for requests and well-formed replies. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a reply. Several top-level objects (a joined command answered as one object per command, glued
     * {@code "}{"}) are returned under the names of {@code commands}, as cgminer's own joined replies are:
     * {@code {"summary":[{...}],"stats":[{...}]}}; when their number differs from the commands', under
     * {@code "0"}, {@code "1"}, ....
     *
     * @param raw the reply as received
     * @param commands the commands the request joined with '+', in order
     * @throws MalformedReplyException the reply is truncated or not JSON even after the repairs above
     */
    public static JsonNode parse(String raw, List<String> commands) throws MalformedReplyException {
        String repaired = repair(raw);
        if (repaired.isEmpty()) {
            throw new MalformedReplyException("empty reply");
        }
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class).readValues(repaired)) {
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedReplyException("not JSON: " + firstLine(e.getMessage()));
        }
        if (documents.size() == 1) {
            return documents.getFirst();
        }
        ObjectNode joined = MAPPER.createObjectNode();
        for (int i = 0; i < documents.size(); i++) {
            String name = documents.size() == commands.size() ? commands.get(i) : Integer.toString(i);
            joined.putArray(name).add(documents.get(i));
        }
        return joined;
    }

    /**
     * Applies the repairs outside string literals, and refuses text that ends inside a string, object or array.
     * Visible for tests.
     */
    static String repair(String raw) throws MalformedReplyException {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '\0' -> {
                    // cgminer terminates its answer with a NUL; anything after it is not part of the answer
                    i = length;
                }
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    if (c == '{' && depth > 0 && lastSignificant(out) == '}') {
                        out.append(',');
                    }
                    depth++;
                    out.append(c);
                }
                case '}', ']' -> {
                    if (depth == 0) {
                        throw new MalformedReplyException("unbalanced '" + c + "' at offset " + i);
                    }
                    depth--;
                    out.append(c);
                }
                default -> {
                    if (Character.isLetter(c) || ((c == '-' || c == '+') && i + 1 < length
                            && Character.isLetter(raw.charAt(i + 1)))) {
                        int end = i + 1;
                        while (end < length && Character.isLetter(raw.charAt(end))) {
                            end++;
                        }
                        String word = raw.substring(i, end);
                        out.append(nonFinite(word) ? "null" : word);
                        i = end - 1;
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (inString) {
            throw new MalformedReplyException("truncated reply: it ends inside a string after " + out.length()
                    + " characters");
        }
        if (depth > 0) {
            throw new MalformedReplyException("truncated reply: " + depth + " object(s) or array(s) left open after "
                    + out.length() + " characters");
        }
        return out.toString().strip();
    }

    private static boolean nonFinite(String word) {
        String bare = word.startsWith("-") || word.startsWith("+") ? word.substring(1) : word;
        return bare.equalsIgnoreCase("inf") || bare.equalsIgnoreCase("nan") || bare.equalsIgnoreCase("infinity");
    }

    private static char lastSignificant(StringBuilder out) {
        for (int i = out.length() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(out.charAt(i))) {
                return out.charAt(i);
            }
        }
        return 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A reply that is not JSON, even after the repairs the cgminer family needs. */
    public static final class MalformedReplyException extends Exception {

        public MalformedReplyException(String message) {
            super(message);
        }
    }
}
