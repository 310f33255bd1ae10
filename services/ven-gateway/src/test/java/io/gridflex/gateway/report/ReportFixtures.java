package io.gridflex.gateway.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.xml.sax.SAXException;

import io.gridflex.gateway.registration.Registration;
import io.gridflex.gateway.support.OfficialSchema;
import io.gridflex.openadr.OpenAdrXml;
import io.gridflex.openadr.SamplingRate;

/**
 * A catalog and registration for the report tests, the official OpenADR 2.0b schema and OpenLEADR's captured session
 * (both in {@code shared/} beside the repository, never copied in; missing files fail the tests).
 */
final class ReportFixtures {

    static final OpenAdrXml XML = new OpenAdrXml();
    static final Instant NOW = Instant.parse("2026-12-02T05:22:40Z");
    static final Registration REGISTRATION = new Registration("summer-peak", "http://vtn", "VEN-PEER-1", "REG-1",
            "UTILITY-VTN-1", Optional.empty(), NOW.minusSeconds(60));

    private ReportFixtures() {
    }

    /** The history's granularities in the fixtures: multiples of its 5-minute bucket, up to an hour. */
    static final SamplingRate HISTORY = new SamplingRate(Duration.ofMinutes(5), Duration.ofHours(1), false);

    /**
     * Two resources: plant-a of two sites, plant-b of one; sampled every 2 s to 1 h, history in 5-minute buckets, at
     * most 100 intervals.
     */
    static ReportCatalog catalog() {
        return new ReportCatalog(Map.of("plant-a", List.of("site-1", "site-2"), "plant-b", List.of("site-3")),
                new SamplingRate(Duration.ofSeconds(2), Duration.ofHours(1), false), HISTORY, 100);
    }

    static Path shared() {
        return OfficialSchema.shared();
    }

    /** A message of OpenLEADR's session, as captured. */
    static String openLeadr(String name) {
        Path file = shared().resolve("openadr-samples/openleadr-session").resolve(name);
        if (!Files.isRegularFile(file)) {
            fail("OpenLEADR sample missing: " + file + " (shared/ sits beside the repository)");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws with the validator's words when the XML is not valid against the official 2.0b schema. */
    static void validateOfficially(String xml) throws SAXException, IOException {
        OfficialSchema.validate(xml);
    }
}
