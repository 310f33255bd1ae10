package io.gridflex.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The streaming telemetry reader against the reference (the JSON tree checked by the schema): whatever it accepts,
 * the schema accepts and decodes to the same record; what it refuses is left to the schema, whose words stand.
 */
class SiteTelemetryReaderTest {

    private final MessageCodec codec = new MessageCodec();
    private final ObjectMapper mapper = MessageCodec.newObjectMapper();
    private final JsonNodeFactory nodes = mapper.getNodeFactory();

    @Test
    void everyValidMessageIsReadInOnePassToTheSameRecord() throws Exception {
        Random random = new Random(11);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            valid.add(codec.encode(randomTelemetry(random)));
        }
        // Written by hand the ways other encoders write them: integers, exponents, fractions of any length, another
        // order, spaces, escapes.
        valid.add(
                """
                        { "source" : "MINERS", "coverage" : 1, "siteId" : "site\\u002Db", "intervalEnd" : "2026-11-21T18:00:10Z",
                          "intervalStart" : "2026-11-21T18:00:00.123456789Z", "averageKw" : 1.5e3, "energyKwh" : 4.1666E+0,
                          "miningKw" : null, "dataCentreKw" : 0, "sheddableKw" : 10000000, "shedKw" : 0.0,
                          "targetShedKw" : 1E-400, "maxImportKw" : 4000, "hashrateThs" : 1000000000,
                          "efficiencyJPerTh" : 100000, "scheduleRevision" : 9223372036854775807,
                          "miners" : { "other" : 0, "unreachable" : 1000000, "asleep" : 0, "hashing" : 3, "total" : 4 } }
                        """);
        for (String json : valid) {
            SiteTelemetry fast = SiteTelemetryReader.read(mapper.getFactory(), json);
            assertThat(fast).as(json).isNotNull().isEqualTo(codec.decodeChecked(SiteTelemetry.class, json));
            assertThat(codec.decode(SiteTelemetry.class, json)).isEqualTo(fast);
        }
    }

    @Test
    void whatTheReaderAcceptsOfThousandsOfBrokenMessagesTheSchemaAcceptsAlike() throws Exception {
        ObjectNode base = (ObjectNode) mapper.readTree(codec.encode(randomTelemetry(new Random(5))));
        List<String> variants = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        base.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            variants.add(base.deepCopy().without(field).toString());
            for (JsonNode value : oddValues()) {
                variants.add(base.deepCopy().set(field, value).toString());
            }
        }
        ObjectNode miners = (ObjectNode) base.get("miners");
        List<String> counts = new ArrayList<>();
        miners.fieldNames().forEachRemaining(counts::add);
        for (String count : counts) {
            ObjectNode without = base.deepCopy();
            ((ObjectNode) without.get("miners")).remove(count);
            variants.add(without.toString());
            for (JsonNode value : oddValues()) {
                ObjectNode changed = base.deepCopy();
                ((ObjectNode) changed.get("miners")).set(count, value);
                variants.add(changed.toString());
            }
        }
        String json = base.toString();
        variants.add(base.deepCopy().put("extra", 1).toString());
        variants.add(json.replace("\"miners\":{", "\"miners\":{\"spare\":0,"));
        variants.add(json.replace("{\"siteId\"", "{\"siteId\":\"other\",\"siteId\""));
        variants.add(json.replace("\"total\"", "\"total\":1,\"total\""));
        variants.add(json + " x");
        variants.add(json + "{}");
        variants.add("[" + json + "]");
        variants.add(json.substring(0, json.length() - 1));
        variants.add("null");
        variants.add("\"" + json.replace("\"", "\\\"") + "\"");

        int acceptedBySchema = 0;
        int readFast = 0;
        for (String variant : variants) {
            SiteTelemetry fast = SiteTelemetryReader.read(mapper.getFactory(), variant);
            Optional<SiteTelemetry> reference = reference(variant);
            acceptedBySchema += reference.isPresent() ? 1 : 0;
            if (fast == null && reference.isPresent()) {
                assertThat(leftToTheSchema(variant)).as("valid, yet not read in one pass: %s", variant).isTrue();
            }
            if (fast != null) {
                readFast++;
                assertThat(reference).as(variant).contains(fast);
            } else if (reference.isEmpty()) {
                String words = referenceError(variant);
                assertThatThrownBy(() -> codec.decode(SiteTelemetry.class, variant)).as(variant)
                        .isInstanceOf(InvalidMessageException.class).hasMessage(words);
            }
        }
        assertThat(variants).hasSizeGreaterThan(500);
        // Most variants are broken, some are fine (a nullable field set to null, an in-range value): the reader
        // takes the fine ones in its stride, bar the few kinds it leaves to the schema.
        assertThat(acceptedBySchema).isBetween(30, variants.size() / 2);
        assertThat(readFast).isGreaterThan(acceptedBySchema * 9 / 10);
    }

    /**
     * The valid messages the reader leaves to the schema, being rare and not worth its rules: a count written as a
     * decimal ({@code 3.0}), a property given twice (the last one counts), 24:00 or a leap second, and content after
     * the message (which the tree reader ignores).
     */
    private static boolean leftToTheSchema(String json) {
        return Pattern.compile("\"(total|hashing|asleep|unreachable|other|scheduleRevision)\":-?[0-9]+\\.[0-9]")
                .matcher(json).find() || json.contains("T24:00:00Z") || json.contains(":60Z")
                || json.contains("\"siteId\":\"other\",\"siteId\"") || json.contains("\"total\":1,\"total\"")
                || json.endsWith("} x") || json.endsWith("}{}");
    }

    private List<JsonNode> oddValues() {
        List<JsonNode> values = new ArrayList<>();
        values.add(nodes.nullNode());
        values.add(nodes.booleanNode(true));
        values.add(nodes.objectNode());
        values.add(nodes.arrayNode());
        for (String text : List.of("", "x", "site a", "sité", "A".repeat(256), "A".repeat(257), "METER", "MINERS",
                "meter", "2026-11-21T18:00:00Z", "2026-11-21T18:00:00.5Z", "2026-11-21T18:00:00.123456789Z",
                "2026-11-21T18:00:00.1234567890Z", "2026-11-21T18:00:00.Z", "2026-11-21T24:00:00Z",
                "2026-11-21T23:59:60Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T18:00:00+00:00",
                "2026-11-21 18:00:00Z", "2026-11-21T18:00:00z", "10")) {
            values.add(nodes.textNode(text));
        }
        for (String number : List.of("-1", "-0.000001", "0", "-0.0", "1", "1.0", "3.0", "0.5", "1.0000001", "2.5",
                "999999", "1000000", "1000001", "100000", "100000.1", "10000000", "10000000.000001", "1000000000",
                "1000000001", "1e400", "1e-400", "2147483648", "9223372036854775807")) {
            values.add(nodes.numberNode(new BigDecimal(number)));
        }
        values.add(nodes.numberNode(new BigInteger("9223372036854775808")));
        values.add(nodes.numberNode(new BigInteger("100000000000000000000000000000")));
        values.add(nodes.numberNode(7));
        return values;
    }

    private Optional<SiteTelemetry> reference(String json) {
        try {
            return Optional.of(codec.decodeChecked(SiteTelemetry.class, json));
        } catch (InvalidMessageException e) {
            return Optional.empty();
        }
    }

    private String referenceError(String json) {
        try {
            codec.decodeChecked(SiteTelemetry.class, json);
            throw new AssertionError("accepted: " + json);
        } catch (InvalidMessageException e) {
            return e.getMessage();
        }
    }

    private static SiteTelemetry randomTelemetry(Random random) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextLong(365L * 86_400_000L));
        Instant end = start.plusSeconds(1 + random.nextInt(900));
        int total = random.nextInt(6_000);
        int hashing = random.nextInt(total + 1);
        return new SiteTelemetry(random.nextBoolean() ? "site-" + random.nextInt(10_000) : "s!~" + random.nextInt(9),
                start, end, kw(random), kw(random) / 360, random.nextBoolean() ? kw(random) : null,
                random.nextBoolean() ? kw(random) : null, kw(random), kw(random), kw(random), kw(random),
                new SiteTelemetry.MinerCounts(total, hashing, total - hashing, 0, 0),
                random.nextBoolean() ? random.nextDouble() * 1e6 : null,
                random.nextBoolean() ? random.nextDouble() * 40 : null,
                random.nextBoolean() ? (long) random.nextInt(Integer.MAX_VALUE) + 1 : null,
                random.nextBoolean() ? SiteTelemetry.Source.METER : SiteTelemetry.Source.MINERS, random.nextDouble());
    }

    /** 0 to 50 MW, sometimes whole, sometimes tiny. */
    private static double kw(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(50_000);
            case 1 -> random.nextDouble() * 1e-6;
            default -> random.nextDouble() * 50_000;
        };
    }
}
