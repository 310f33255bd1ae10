package io.gridflex.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of an interface in a TypeScript declaration file ({@code .d.ts}) as the kubernetes-models generator
 * writes them from a CRD's openAPIV3Schema: every object type inline, with its properties ({@code "name"?: T}),
 * index signatures ({@code [key: string]: T}, a map), {@code Array<T>}, {@code string}, {@code number},
 * {@code boolean}, unions of string literals (an enum) or of primitives (int-or-string), {@code {}} (a free-form
 * object) and references to other interfaces (resolved by the caller, e.g. IObjectMeta).
 * <p>
 * An object type with properties refuses any other property ({@code additionalProperties: false}): the CRD's schema
 * lists every field the operator knows, and the API server refuses unknown fields (strict field validation, kubectl's
 * default). What a TypeScript type does not carry is lost: integer versus number, formats, patterns and bounds. Any
 * syntax outside that grammar fails, so a generator that writes something new cannot be read wrongly in silence.
 */
final class TypeDeclarations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<String> tokens;
    private final Function<String, JsonNode> references;
    private int next;

    private TypeDeclarations(String source, Function<String, JsonNode> references) {
        this.tokens = tokenize(source);
        this.references = references;
    }

    /** The schema of {@code export interface name {...}} in {@code source}; other names through {@code references}. */
    static ObjectNode schemaOf(String source, String name, Function<String, JsonNode> references) {
        TypeDeclarations declarations = new TypeDeclarations(source, references);
        for (int i = 0; i + 3 < declarations.tokens.size(); i++) {
            if (declarations.tokens.get(i).equals("export") && declarations.tokens.get(i + 1).equals("interface")
                    && declarations.tokens.get(i + 2).equals(name) && declarations.tokens.get(i + 3).equals("{")) {
                declarations.next = i + 3;
                return declarations.object();
            }
        }
        throw new IllegalArgumentException("no 'export interface " + name + "' in the declarations");
    }

    private JsonNode type() {
        List<JsonNode> members = new ArrayList<>();
        members.add(member());
        while (peek("|")) {
            take("|");
            members.add(member());
        }
        if (members.size() == 1) {
            return members.get(0);
        }
        ObjectNode union = NODES.objectNode();
        if (members.stream().allMatch(m -> m.has("const"))) {
            ArrayNode values = union.putArray("enum");
            members.forEach(m -> values.add(m.get("const")));
        } else if (members.stream().allMatch(m -> m.size() == 1 && m.path("type").isTextual())) {
            ArrayNode types = union.putArray("type");
            members.forEach(m -> types.add(m.get("type")));
        } else {
            ArrayNode anyOf = union.putArray("anyOf");
            members.forEach(anyOf::add);
        }
        return union;
    }

    private JsonNode member() {
        String token = take();
        JsonNode type;
        if (token.startsWith("\"")) {
            type = NODES.objectNode().put("const", token.substring(1, token.length() - 1));
        } else if (token.equals("{")) {
            next--;
            type = object();
        } else if (token.equals("Array")) {
            take("<");
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", type());
            take(">");
            type = array;
        } else if (token.equals("string") || token.equals("number") || token.equals("boolean")) {
            type = NODES.objectNode().put("type", token);
        } else if (token.equals("any") || token.equals("unknown")) {
            type = NODES.objectNode();
        } else if (Character.isJavaIdentifierStart(token.charAt(0))) {
            type = references.apply(token);
            if (type == null) {
                throw new IllegalArgumentException("unknown type " + token + " at token " + next);
            }
        } else {
            throw new IllegalArgumentException("unexpected '" + token + "' at token " + next);
        }
        while (peek("[")) { // T[]
            take("[");
            take("]");
            ObjectNode array = NODES.objectNode().put("type", "array");
            array.set("items", type);
            type = array;
        }
        return type;
    }

    /** {@code { "a"?: T; [key: string]: U; }} */
    private ObjectNode object() {
        take("{");
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        JsonNode map = null;
        while (!peek("}")) {
            String token = take();
            if (token.equals("[")) {
                take(); // key
                take(":");
                take("string");
                take("]");
                take(":");
                map = type();
            } else {
                String name = token.startsWith("\"") ? token.substring(1, token.length() - 1) : token;
                boolean optional = peek("?");
                if (optional) {
                    take("?");
                }
                take(":");
                properties.set(name, type());
                if (!optional) {
                    required.add(name);
                }
            }
            if (peek(";") || peek(",")) {
                take();
            }
        }
        take("}");
        if (!properties.isEmpty()) {
            schema.set("properties", properties);
        }
        if (map != null) {
            schema.set("additionalProperties", map);
        } else if (!properties.isEmpty()) {
            schema.put("additionalProperties", false);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private boolean peek(String token) {
        return next < tokens.size() && tokens.get(next).equals(token);
    }

    private String take() {
        if (next >= tokens.size()) {
            throw new IllegalArgumentException("the declarations end too early");
        }
        return tokens.get(next++);
    }

    private void take(String expected) {
        String token = take();
        if (!token.equals(expected)) {
            throw new IllegalArgumentException("expected '" + expected + "' but found '" + token + "' at token "
                    + (next - 1));
        }
    }

    /** Identifiers, numbers, double-quoted strings (quotes kept, escapes resolved) and single punctuation. */
    static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end + 1;
            } else if (c == '"' || c == '\'') {
                StringBuilder string = new StringBuilder("\"");
                int j = i + 1;
                while (source.charAt(j) != c) {
                    if (source.charAt(j) == '\\') {
                        j++;
                    }
                    string.append(source.charAt(j++));
                }
                tokens.add(string.append('"').toString());
                i = j + 1;
            } else if (Character.isJavaIdentifierPart(c)) {
                int j = i;
                while (j < source.length() && Character.isJavaIdentifierPart(source.charAt(j))) {
                    j++;
                }
                tokens.add(source.substring(i, j));
                i = j;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
