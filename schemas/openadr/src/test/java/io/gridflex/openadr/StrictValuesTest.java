package io.gridflex.openadr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written value checks bind what the schema's bindings ({@link XcalTime}, JAXB's number parsing) bind, and
 * leave every unusual form to the general reader.
 */
class StrictValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T05:22:44Z", "2026-12-02T05:22:44.929767Z", "2028-02-29T23:59:59.999999999Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.1Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z"})
    void dateTimesBindAsTheCodecBindsThem(String text) {
        assertThat(StrictValues.dateTime(text)).isEqualTo(XcalTime.parseDateTime(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02T05:22:44", "2026-12-02T05:22:44+00:00", " 2026-12-02T05:22:44Z",
            "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-32T00:00:00Z", "2026-12-02T24:00:00Z",
            "2026-12-02T23:60:00Z", "2026-12-02T23:59:60Z", "0000-01-01T00:00:00Z", "2026-12-02T05:22:44.Z",
            "2026-12-02T05:22:44.1234567891Z", "2026-12-02 05:22:44Z", "+2026-12-02T05:22:44Z", "2026-1-02T05:22:44Z",
            "2026-12-02T05:22:4aZ", "\u0662026-12-02T05:22:44Z"})
    void unusualDateTimesAreLeftToTheGeneralReader(String text) {
        assertThatThrownBy(() -> StrictValues.dateTime(text)).isSameAs(OutsideFastPath.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT15M", "-PT5M", "+PT5M", "PT1H30M", "PT1H30M15S", "PT1H15S", "PT90S", "P1D", "P1DT2H",
            "P2W", "PT0S", "P0D", "PT999999999S", "-P1DT1M"})
    void durationsBindAsTheCodecBindsThem(String text) {
        assertThat(StrictValues.duration(text)).isEqualTo(XcalTime.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "P1DT", "P1Y", "P1M", "PT1M1H", "PT1S1M", "PT1H1H", "P1W2D", "PT1.5S",
            "PT-5M", "pt5m", " PT5M", "PT5M ", "PT1234567890S", "--PT5M", "P1DT2H3", "1H"})
    void unusualDurationsAreLeftToTheGeneralReader(String text) {
        assertThatThrownBy(() -> StrictValues.duration(text)).isSameAs(OutsideFastPath.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1", "-50.0", "0.12", "123456789012345", "-1.000000000000001"})
    void decimalsBindAsJaxbBindsThem(String text) {
        assertThat(StrictValues.decimalFloat(text)).isEqualTo(Float.parseFloat(text));
        assertThat(StrictValues.decimal(text)).isEqualTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "1.", ".5", "1e3", "1E3", "INF", "NaN", " 1", "1 ", "1,5", "--1",
            "1234567890123456"})
    void unusualNumbersAreLeftToTheGeneralReader(String text) {
        assertThatThrownBy(() -> StrictValues.decimalFloat(text)).isSameAs(OutsideFastPath.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oadr://gridflex.io/dispatch", "http://MarketContext1", "https://a-b.c9.example/x/y_z~.-",
            "oadr://utility.example/programs/fast-dr"})
    void marketContextsInTheUsualFormAreRead(String text) {
        assertThat(StrictValues.marketContext(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast-dr", "urn:x", "oadr:///x", "oadr://a..b/x", "oadr://-a/x", "oadr://a-/x",
            "oadr://a/b c", "oadr://a/%41", "oadr://a:8080/x", "oadr://a/x?q", "oadr://a/x#f", "1oadr://a"})
    void otherMarketContextsAreLeftToTheGeneralReader(String text) {
        assertThatThrownBy(() -> StrictValues.marketContext(text)).isSameAs(OutsideFastPath.INSTANCE);
    }
}
