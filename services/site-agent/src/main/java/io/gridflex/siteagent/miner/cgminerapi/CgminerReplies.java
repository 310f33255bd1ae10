package io.gridflex.siteagent.miner.cgminerapi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;

/** Reading the parts of a cgminer-family reply: statuses, sections, numbers that may come as strings. */
public final class CgminerReplies {

    /** Hashrate fields of {@code summary}, best first, with their factor to GH/s. */
    private static final Map<String, Double> HASHRATE_FIELDS = new LinkedHashMap<>();

    static {
        HASHRATE_FIELDS.put("GHS 5s", 1.0);
        HASHRATE_FIELDS.put("MHS 5s", 1e-3);
        HASHRATE_FIELDS.put("THS 5s", 1e3);
        HASHRATE_FIELDS.put("GHS 1m", 1.0);
        HASHRATE_FIELDS.put("MHS 1m", 1e-3);
        HASHRATE_FIELDS.put("GHS av", 1.0);
        HASHRATE_FIELDS.put("MHS av", 1e-3);
        HASHRATE_FIELDS.put("THS av", 1e3);
    }

    private CgminerReplies() {
    }

    /**
     * Fails unless every {@code STATUS} in the reply (one per part of a joined command) is {@code S} or {@code I}.
     * {@code STATUS} may be an array of one object (cgminer), an object (Antminer CGI) or a string beside
     * {@code Code}/{@code Msg} (some forks).
     */
    public static void checkStatus(MinerEndpoint miner, String command, JsonNode reply) throws MinerException {
        if (reply.has("STATUS")) {
            JsonNode status = reply.get("STATUS");
            JsonNode holder = status.isArray() ? status.path(0) : status.isObject() ? status : reply;
            String severity = holder.path("STATUS").asText(status.isTextual() ? status.asText() : "");
            if (!severity.equals("S") && !severity.equals("I")) {
                int code = holder.path("Code").asInt(MinerException.NO_CODE);
                throw new MinerException(miner + ": " + command + " failed: " + holder.path("Msg").asText("no message")
                        + " (status " + (severity.isEmpty() ? "missing" : severity) + ", code " + code + ")", code);
            }
            return;
        }
        boolean anyPart = false;
        for (var part : reply.properties()) {
            if (part.getValue().isArray() && part.getValue().path(0).isObject()) {
                anyPart = true;
                checkStatus(miner, part.getKey(), part.getValue().path(0));
            }
        }
        if (!anyPart) {
            throw new MinerException(miner + ": answer to " + command + " has no STATUS", MinerException.NO_CODE);
        }
    }

    /**
     * The first object of section {@code name} ({@code SUMMARY}, {@code POWER}, ...), looked up in a plain reply or
     * in the part of a joined reply named {@code command}; section names are matched ignoring case.
     */
    public static JsonNode section(MinerEndpoint miner, JsonNode reply, String command, String name)
            throws MinerException {
        JsonNode part = reply.path(command).path(0);
        JsonNode found = sectionIn(part.isObject() ? part : reply, name);
        if (found == null) {
            found = sectionIn(reply, name);
        }
        if (found == null) {
            throw new MinerException(miner + ": answer to " + command + " lacks " + name, MinerException.NO_CODE);
        }
        return found;
    }

    private static JsonNode sectionIn(JsonNode node, String name) {
        for (var field : node.properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                JsonNode value = field.getValue();
                JsonNode first = value.isArray() ? value.path(0) : value;
                return first.isObject() ? first : null;
            }
        }
        return null;
    }

    /** A number that firmwares send as a JSON number or as a numeric string; empty when absent or not finite. */
    public static OptionalDouble number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            for (var entry : node.properties()) {
                if (entry.getKey().equalsIgnoreCase(field)) {
                    value = entry.getValue();
                    break;
                }
            }
        }
        if (value == null) {
            return OptionalDouble.empty();
        }
        double d;
        if (value.isNumber()) {
            d = value.asDouble();
        } else if (value.isTextual()) {
            try {
                d = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        } else {
            return OptionalDouble.empty();
        }
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The hashrate of a {@code SUMMARY} section in GH/s, from whichever of the usual fields it carries. */
    public static double hashrateGhs(MinerEndpoint miner, JsonNode summary) throws MinerException {
        for (var field : HASHRATE_FIELDS.entrySet()) {
            OptionalDouble value = number(summary, field.getKey());
            if (value.isPresent()) {
                return value.getAsDouble() * field.getValue();
            }
        }
        throw new MinerException(miner + ": summary carries no hashrate (none of " + HASHRATE_FIELDS.keySet() + ")",
                MinerException.NO_CODE);
    }

    /** Whether a key or text value of the object contains {@code word}, ignoring case: for identifying firmwares. */
    public static boolean mentions(JsonNode object, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (var field : object.properties()) {
            if (field.getKey().toLowerCase(Locale.ROOT).contains(lower)
                    || (field.getValue().isTextual() && field.getValue().asText().toLowerCase(Locale.ROOT)
                            .contains(lower))) {
                return true;
            }
        }
        return false;
    }
}
