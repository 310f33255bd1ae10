package io.gridflex.siteagent.meter;

import java.time.Duration;
import java.util.Optional;

/**
 * What the meter client needs, checked: built from {@link MeterConfig} or directly in tests.
 *
 * @param host the meter's address
 * @param port its Modbus TCP port
 * @param unitId the unit id it answers to
 * @param timeout connect and response timeout of one request
 * @param siteKw where the site's total draw is, if mapped
 * @param miningKw where the miners' draw is, if mapped
 * @param dataCentreKw where the data centre's draw is, if mapped
 * @param energyKwh where the cumulative energy is
 */
public record MeterSettings(String host, int port, int unitId, Duration timeout, Optional<RegisterSpec> siteKw,
        Optional<RegisterSpec> miningKw, Optional<RegisterSpec> dataCentreKw, RegisterSpec energyKwh) {

    public MeterSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("gridflex.site.meter.host is required when the meter is enabled");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gridflex.site.meter.port is not a port: " + port);
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("gridflex.site.meter.unit-id must be 0-255, got " + unitId);
        }
        if (energyKwh == null) {
            throw new IllegalArgumentException(
                    "gridflex.site.meter.energy-kwh.address is required when the meter is enabled");
        }
    }

    /** The settings the configuration gives. */
    public static MeterSettings of(MeterConfig config) {
        return new MeterSettings(config.host().orElse(null), config.port(), config.unitId(), config.timeout(),
                config.siteKw().map(r -> RegisterSpec.of("site-kw", r)),
                config.miningKw().map(r -> RegisterSpec.of("mining-kw", r)),
                config.dataCentreKw().map(r -> RegisterSpec.of("data-centre-kw", r)),
                config.energyKwh().map(r -> RegisterSpec.of("energy-kwh", r)).orElse(null));
    }
}
