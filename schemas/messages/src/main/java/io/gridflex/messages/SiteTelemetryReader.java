package io.gridflex.messages;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The common case of site telemetry (the most frequent message: every site, every few seconds) read in one streaming
 * pass, checking the rules of {@code site-telemetry.v2.schema.json} as it reads: every property known, present once,
 * of its type, within its bounds and patterns. It only ever accepts: anything it is not sure of (an unknown or
 * repeated property, a bound crossed, an integer written as a decimal, trailing content, a malformed instant) makes it
 * give up, and {@link MessageCodec} then decodes through the JSON tree and the schema, whose verdict and error words
 * stand. So a message it accepts is one the schema accepts, decoded to the same record (a test checks both on valid
 * messages and thousands of broken ones); it is about five times cheaper than the tree and the schema.
 */
final class SiteTelemetryReader {

    private static final BigDecimal POWER_MAX = BigDecimal.valueOf(10_000_000);
    private static final BigDecimal HASHRATE_MAX = BigDecimal.valueOf(1_000_000_000);
    private static final BigDecimal EFFICIENCY_MAX = BigDecimal.valueOf(100_000);
    private static final long MINERS_MAX = 1_000_000;

    private static final Map<String, Integer> FIELDS = Map.ofEntries(Map.entry("siteId", 0),
            Map.entry("intervalStart", 1), Map.entry("intervalEnd", 2), Map.entry("averageKw", 3),
            Map.entry("energyKwh", 4), Map.entry("miningKw", 5), Map.entry("dataCentreKw", 6),
            Map.entry("sheddableKw", 7), Map.entry("shedKw", 8), Map.entry("targetShedKw", 9),
            Map.entry("maxImportKw", 10), Map.entry("miners", 11), Map.entry("hashrateThs", 12),
            Map.entry("efficiencyJPerTh", 13), Map.entry("scheduleRevision", 14), Map.entry("source", 15),
            Map.entry("coverage", 16));
    private static final int ALL_FIELDS = (1 << 17) - 1;

    private static final Map<String, Integer> COUNTS = Map.of("total", 0, "hashing", 1, "asleep", 2, "unreachable", 3,
            "other", 4);
    private static final int ALL_COUNTS = (1 << 5) - 1;

    /** Raised inside the reader when the message is not one it can vouch for. */
    private static final class GiveUp extends Exception {

        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private SiteTelemetryReader() {
    }

    /** The record, or null when the message needs the full check (it may still be valid). */
    static SiteTelemetry read(JsonFactory factory, String json) {
        try (JsonParser parser = factory.createParser(json)) {
            SiteTelemetry telemetry = read(parser);
            return parser.nextToken() == null ? telemetry : null;
        } catch (GiveUp | IOException | RuntimeException e) {
            return null;
        }
    }

    private static SiteTelemetry read(JsonParser parser) throws IOException, GiveUp {
        expect(parser.nextToken() == JsonToken.START_OBJECT);
        String siteId = null;
        Instant intervalStart = null;
        Instant intervalEnd = null;
        double averageKw = 0;
        double energyKwh = 0;
        Double miningKw = null;
        Double dataCentreKw = null;
        double sheddableKw = 0;
        double shedKw = 0;
        double targetShedKw = 0;
        double maxImportKw = 0;
        SiteTelemetry.MinerCounts miners = null;
        Double hashrateThs = null;
        Double efficiencyJPerTh = null;
        Long scheduleRevision = null;
        SiteTelemetry.Source source = null;
        double coverage = 0;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer field = FIELDS.get(parser.currentName());
            expect(field != null && (seen & (1 << field)) == 0);
            seen |= 1 << field;
            JsonToken value = parser.nextToken();
            switch (field) {
                case 0 -> siteId = siteId(parser, value);
                case 1 -> intervalStart = instant(parser, value);
                case 2 -> intervalEnd = instant(parser, value);
                case 3 -> averageKw = number(parser, value, POWER_MAX);
                case 4 -> energyKwh = number(parser, value, POWER_MAX);
                case 5 -> miningKw = nullableNumber(parser, value, POWER_MAX);
                case 6 -> dataCentreKw = nullableNumber(parser, value, POWER_MAX);
                case 7 -> sheddableKw = number(parser, value, POWER_MAX);
                case 8 -> shedKw = number(parser, value, POWER_MAX);
                case 9 -> targetShedKw = number(parser, value, POWER_MAX);
                case 10 -> maxImportKw = number(parser, value, POWER_MAX);
                case 11 -> miners = miners(parser, value);
                case 12 -> hashrateThs = nullableNumber(parser, value, HASHRATE_MAX);
                case 13 -> efficiencyJPerTh = nullableNumber(parser, value, EFFICIENCY_MAX);
                case 14 -> scheduleRevision = value == JsonToken.VALUE_NULL
                        ? null
                        : integer(parser, value, 1, Long.MAX_VALUE);
                case 15 -> source = source(parser, value);
                case 16 -> coverage = number(parser, value, BigDecimal.ONE);
                default -> throw GIVE_UP;
            }
        }
        expect(parser.currentToken() == JsonToken.END_OBJECT && seen == ALL_FIELDS);
        return new SiteTelemetry(siteId, intervalStart, intervalEnd, averageKw, energyKwh, miningKw, dataCentreKw,
                sheddableKw, shedKw, targetShedKw, maxImportKw, miners, hashrateThs, efficiencyJPerTh,
                scheduleRevision, source, coverage);
    }

    private static SiteTelemetry.MinerCounts miners(JsonParser parser, JsonToken value) throws IOException, GiveUp {
        expect(value == JsonToken.START_OBJECT);
        int[] counts = new int[5];
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            Integer field = COUNTS.get(parser.currentName());
            expect(field != null && (seen & (1 << field)) == 0);
            seen |= 1 << field;
            counts[field] = (int) integer(parser, parser.nextToken(), 0, MINERS_MAX);
        }
        expect(parser.currentToken() == JsonToken.END_OBJECT && seen == ALL_COUNTS);
        return new SiteTelemetry.MinerCounts(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** 1 to 256 printable ASCII characters other than space. */
    private static String siteId(JsonParser parser, JsonToken value) throws IOException, GiveUp {
        expect(value == JsonToken.VALUE_STRING);
        String text = parser.getText();
        expect(!text.isEmpty() && text.length() <= 256);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            expect(c >= 0x21 && c <= 0x7e);
        }
        return text;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a time of day that exists (no 24:00, no leap second). */
    private static Instant instant(JsonParser parser, JsonToken value) throws IOException, GiveUp {
        expect(value == JsonToken.VALUE_STRING);
        String text = parser.getText();
        int length = text.length();
        expect(length == 20 || length >= 22 && length <= 30);
        for (int i = 0; i < 19; i++) {
            char c = text.charAt(i);
            boolean separator = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                default -> c >= '0' && c <= '9';
            };
            expect(separator);
        }
        expect(text.charAt(length - 1) == 'Z');
        if (length > 20) {
            expect(text.charAt(19) == '.');
            for (int i = 20; i < length - 1; i++) {
                expect(text.charAt(i) >= '0' && text.charAt(i) <= '9');
            }
        }
        expect(twoDigits(text, 11) <= 23 && twoDigits(text, 14) <= 59 && twoDigits(text, 17) <= 59);
        return Instant.parse(text);
    }

    private static int twoDigits(String text, int at) {
        return (text.charAt(at) - '0') * 10 + text.charAt(at + 1) - '0';
    }

    private static double number(JsonParser parser, JsonToken value, BigDecimal max) throws IOException, GiveUp {
        expect(value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT);
        BigDecimal number = parser.getDecimalValue();
        expect(number.signum() >= 0 && number.compareTo(max) <= 0);
        return number.doubleValue();
    }

    private static Double nullableNumber(JsonParser parser, JsonToken value, BigDecimal max)
            throws IOException, GiveUp {
        return value == JsonToken.VALUE_NULL ? null : number(parser, value, max);
    }

    /** An integer written as one (an integral decimal like {@code 3.0} is left to the schema). */
    private static long integer(JsonParser parser, JsonToken value, long min, long max) throws IOException, GiveUp {
        expect(value == JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = parser.getNumberType();
        expect(type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG);
        long number = parser.getLongValue();
        expect(number >= min && number <= max);
        return number;
    }

    private static SiteTelemetry.Source source(JsonParser parser, JsonToken value) throws IOException, GiveUp {
        expect(value == JsonToken.VALUE_STRING);
        return switch (parser.getText()) {
            case "METER" -> SiteTelemetry.Source.METER;
            case "MINERS" -> SiteTelemetry.Source.MINERS;
            default -> throw GIVE_UP;
        };
    }

    private static void expect(boolean condition) throws GiveUp {
        if (!condition) {
            throw GIVE_UP;
        }
    }
}
