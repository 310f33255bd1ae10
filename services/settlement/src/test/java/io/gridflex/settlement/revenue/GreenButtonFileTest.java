package io.gridflex.settlement.revenue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Green Button files as a utility's portal exports them: an Atom feed with a usage point, a meter reading, its reading
 * type and interval blocks, written here from the format's description (namespaces, element names, units).
 */
class GreenButtonFileTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final BigDecimal MAX_KW = new BigDecimal("1000000");
    /** 2026-05-05T13:00:00Z. */
    private static final long T = 1_777_986_000L;

    @Test
    void readingsBecomeIntervalsInKwhByTheReadingTypesUnitAndMultiplier() {
        RevenueFile file = GreenButtonFile.parse(feed(readingType(72, 0, 4, 1),
                block(reading(T, 900, "50000"), reading(T + 900, 900, "40000"))), NOW, MAX_KW);

        assertThat(file.rows()).hasSize(2);
        assertThat(file.rows().get(0).start()).isEqualTo(Instant.parse("2026-05-05T13:00:00Z"));
        assertThat(file.rows().get(0).end()).isEqualTo(Instant.parse("2026-05-05T13:15:00Z"));
        assertThat(file.rows().get(0).energyKwh()).isEqualByComparingTo("50");
        assertThat(file.rows().get(1).energyKwh()).isEqualByComparingTo("40");

        // kWh (Wh × 10³) and mWh (Wh × 10⁻³) as the multiplier says; the blocks come in any order.
        RevenueFile kilo = GreenButtonFile.parse(feed(block(reading(T + 900, 900, "7")), readingType(72, 3, null, null),
                block(reading(T, 900, "12"))), NOW, MAX_KW);
        assertThat(kilo.rows()).extracting(RevenueFile.Row::start)
                .containsExactly(Instant.ofEpochSecond(T), Instant.ofEpochSecond(T + 900));
        assertThat(kilo.rows().get(0).energyKwh()).isEqualByComparingTo("12");
        RevenueFile milli = GreenButtonFile.parse(feed(readingType(72, -3, 4, 1), block(reading(T, 900, "1234567"))),
                NOW, MAX_KW);
        assertThat(milli.rows().getFirst().energyKwh()).isEqualByComparingTo("1.234567");
    }

    @Test
    void anythingSettlementCannotUseRefusesTheWholeFileWithItsReason() {
        String block = block(reading(T, 900, "50000"));
        assertRefused(feed(block), "0 ReadingTypes");
        assertRefused(feed(readingType(72, 0, 4, 1), readingType(72, 0, 4, 19), block), "2 ReadingTypes");
        assertRefused(feed(readingType(38, 0, 4, 1), block), "uom 38 is not energy in Wh");
        assertRefused(feed(readingType(72, 0, 1, 1), block), "accumulationBehaviour 1");
        assertRefused(feed(readingType(72, 0, 4, 19), block), "flowDirection 19");
        assertRefused(feed(readingType(72, 0, 4, 1)), "no IntervalReading");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(T, 900, "-5"))), "negative");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(T, 0, "5"))), "not an interval");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(T, 7200, "5"))), "at most PT1H");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(NOW.getEpochSecond(), 900, "5"))), "future");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(T, 900, "5"), reading(T + 600, 900, "5"))),
                "overlaps");
        assertRefused(feed(readingType(72, -9, 4, 1), block(reading(T, 900, "1"))), "at most 6 decimals");
        assertRefused(feed(readingType(72, 0, 4, 1), block(reading(T, 900, "5.5"))), "not a whole number");
        assertRefused(feed(readingType(72, 0, 4, 1), block("<IntervalReading><value>5</value></IntervalReading>")),
                "needs timePeriod/start");
        assertRefused(feed(readingType(72, 0, 4, 1), block).replace("</feed>", ""), "not well-formed");
        assertRefused("", "empty");
    }

    @Test
    void aDtdIsRefusedSoNoEntityIsEverExpanded() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                """ + feed(readingType(72, 0, 4, 1), block(reading(T, 900, "5"))).replace("<feed", "<!-- &b; --><feed");
        assertRefused(laughs, "DTD");
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>
                """;
        assertRefused(external, "DTD");
    }

    @Test
    void theLineOfARefusedReadingIsTheLineOfItsIntervalReading() {
        String xml = feed(readingType(72, 0, 4, 1), block(reading(T, 900, "5"), reading(T, 900, "-1")));
        int line = 0;
        String[] lines = xml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("<IntervalReading>") && lines[i + 6].contains("-1")) {
                line = i + 1;
            }
        }
        assertThat(line).isPositive();
        assertRefused(xml, "line " + line + ": value -1 is negative");
    }

    private static void assertRefused(String xml, String reason) {
        assertThatThrownBy(() -> GreenButtonFile.parse(xml, NOW, MAX_KW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    private static String feed(String... entries) {
        StringBuilder feed = new StringBuilder(
                """
                        <feed xmlns="http://www.w3.org/2005/Atom">
                          <id>urn:uuid:0f7a2c5e-6d3b-4b8e-9c1d-2e3f4a5b6c7d</id>
                          <title>Green Button Usage Feed</title>
                          <updated>2026-05-06T00:00:00Z</updated>
                          <entry>
                            <id>urn:uuid:1a2b3c4d-0000-4000-8000-000000000001</id>
                            <link rel="self" href="RetailCustomer/1/UsagePoint/1"/>
                            <title>Site meter</title>
                            <content>
                              <UsagePoint xmlns="http://naesb.org/espi"><ServiceCategory><kind>0</kind></ServiceCategory></UsagePoint>
                            </content>
                          </entry>
                        """);
        for (String entry : entries) {
            feed.append("  <entry>\n    <content>\n").append(entry).append("    </content>\n  </entry>\n");
        }
        return feed.append("</feed>\n").toString();
    }

    private static String readingType(int uom, Integer power, Integer accumulation, Integer flow) {
        return "      <ReadingType xmlns=\"http://naesb.org/espi\">\n"
                + (accumulation == null
                        ? ""
                        : "        <accumulationBehaviour>" + accumulation
                                + "</accumulationBehaviour>\n")
                + "        <commodity>1</commodity>\n        <dataQualifier>12</dataQualifier>\n"
                + (flow == null ? "" : "        <flowDirection>" + flow + "</flowDirection>\n")
                + "        <intervalLength>900</intervalLength>\n        <kind>12</kind>\n"
                + "        <phase>769</phase>\n"
                + (power == null ? "" : "        <powerOfTenMultiplier>" + power + "</powerOfTenMultiplier>\n")
                + "        <timeAttribute>0</timeAttribute>\n        <uom>" + uom + "</uom>\n"
                + "      </ReadingType>\n";
    }

    private static String block(String... readings) {
        return "      <IntervalBlock xmlns=\"http://naesb.org/espi\">\n        <interval>\n"
                + "          <duration>86400</duration>\n          <start>" + (T - 46_800) + "</start>\n"
                + "        </interval>\n" + String.join("", readings) + "      </IntervalBlock>\n";
    }

    private static String reading(long start, long duration, String value) {
        return "        <IntervalReading>\n          <cost>1250</cost>\n          <timePeriod>\n"
                + "            <duration>" + duration + "</duration>\n            <start>" + start + "</start>\n"
                + "          </timePeriod>\n          <value>" + value + "</value>\n        </IntervalReading>\n";
    }
}
