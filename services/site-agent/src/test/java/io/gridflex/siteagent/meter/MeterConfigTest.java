package io.gridflex.siteagent.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gridflex.siteagent.SiteConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The meter's configuration as the agent reads it: beside the site's own mapping (whose prefix contains the meter's),
 * from the shipped application.properties, with defaults, and a full register map with kebab-case enum values.
 */
class MeterConfigTest {

    private static SmallRyeConfig config(Map<String, String> extra) throws IOException {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        MeterConfigTest.class.getClassLoader().getResource("application.properties"), 100))
                .withSources(new MapBackedConfigSource("test", extra, 200) {
                })
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(SiteConfig.class).withMapping(MeterConfig.class).build();
    }

    @Test
    void theShippedFileLeavesTheMeterOffWithDefaults() throws IOException {
        MeterConfig meter = config(Map.of()).getConfigMapping(MeterConfig.class);

        assertThat(meter.enabled()).isFalse();
        assertThat(meter.port()).isEqualTo(502);
        assertThat(meter.unitId()).isEqualTo(1);
        assertThat(meter.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(meter.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(meter.siteKw()).isEmpty();
        assertThat(meter.energyKwh()).isEmpty();
    }

    @Test
    void aFullRegisterMapIsRead() throws IOException {
        MeterConfig meter = config(Map.of("gridflex.site.meter.enabled", "true",
                "gridflex.site.meter.host", "10.0.0.5", "gridflex.site.meter.unit-id", "7",
                "gridflex.site.meter.site-kw.address", "0",
                "gridflex.site.meter.mining-kw.address", "2", "gridflex.site.meter.mining-kw.word-order", "swapped",
                "gridflex.site.meter.mining-kw.type", "input",
                "gridflex.site.meter.energy-kwh.address", "100", "gridflex.site.meter.energy-kwh.data-type", "uint32",
                "gridflex.site.meter.energy-kwh.scale", "0.1")).getConfigMapping(MeterConfig.class);

        MeterSettings settings = MeterSettings.of(meter);

        assertThat(settings.host()).isEqualTo("10.0.0.5");
        assertThat(settings.unitId()).isEqualTo(7);
        assertThat(settings.siteKw()).hasValue(new RegisterSpec("site-kw", 0, RegisterType.HOLDING, DataType.FLOAT32,
                WordOrder.BIG_ENDIAN, 1));
        assertThat(settings.miningKw()).hasValue(new RegisterSpec("mining-kw", 2, RegisterType.INPUT,
                DataType.FLOAT32, WordOrder.SWAPPED, 1));
        assertThat(settings.dataCentreKw()).isEmpty();
        assertThat(settings.energyKwh()).isEqualTo(new RegisterSpec("energy-kwh", 100, RegisterType.HOLDING,
                DataType.UINT32, WordOrder.BIG_ENDIAN, 0.1));
    }

    @Test
    void anEnabledMeterNeedsAHostAndTheEnergyRegister() throws IOException {
        MeterConfig noHost = config(Map.of("gridflex.site.meter.enabled", "true",
                "gridflex.site.meter.energy-kwh.address", "1")).getConfigMapping(MeterConfig.class);
        MeterConfig noEnergy = config(Map.of("gridflex.site.meter.enabled", "true",
                "gridflex.site.meter.host", "meter")).getConfigMapping(MeterConfig.class);

        assertThatThrownBy(() -> MeterSettings.of(noHost)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> MeterSettings.of(noEnergy)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("energy-kwh");
    }
}
