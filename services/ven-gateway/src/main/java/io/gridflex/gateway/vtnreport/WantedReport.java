package io.gridflex.gateway.vtnreport;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.gridflex.gateway.program.ProgramConfig;

/**
 * A report of the VTN's that this VEN wants: from the program's configuration, or an operator's request.
 *
 * @param report the offered report it is: its reportSpecifierID, or the name of what it delivers
 *        (TELEMETRY_USAGE...)
 * @param rIds the data points wanted; empty: every one offered
 * @param granularity how often the VTN is to sample; zero: once per report
 * @param reportBack how often the VTN is to send; zero: one report only
 */
public record WantedReport(String report, List<String> rIds, Duration granularity, Duration reportBack) {

    public WantedReport {
        Objects.requireNonNull(report, "report");
        rIds = rIds == null ? List.of() : List.copyOf(rIds);
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(reportBack, "reportBack");
    }

    public static WantedReport of(ProgramConfig.VtnReport config) {
        return new WantedReport(config.report(), config.rIds().orElse(List.of()), config.granularity(),
                config.reportBack());
    }
}
