package io.gridflex.gateway;

import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.gridflex.gateway.event.ValidationRules;
import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.messages.access.KafkaPolicy;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings that would only fail later: no program at all, a program id that cannot travel in a
 * DrEvent (every event would be declined), a VTN URL that is not one, a resource without sites or with a site id
 * that names no site, or sampling periods OpenADR cannot carry (whole seconds).
 */
@ApplicationScoped
public class GatewayConfigCheck {

    /** Short enough that its rIDs ({@code usage-<resourceID>}) stay within 128 characters. */
    private static final Pattern RESOURCE_ID = Pattern.compile("[\\x21-\\x7e]{1,120}");

    /** Before the programs start (their observer has the default priority), so no event is handled first. */
    void onStart(@Observes @Priority(1) StartupEvent event, GatewayConfig config) {
        check(config);
    }

    static void check(GatewayConfig config) {
        if (config.programs().isEmpty()) {
            throw new IllegalStateException("no program configured: give each VTN connection"
                    + " gridflex.gateway.programs.<program id>.vtn.url and .ven-name (see the README)");
        }
        config.programs().forEach((id, program) -> {
            try {
                ValidationRules.requireProgramId(id);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gridflex.gateway.programs.<program id>: " + e.getMessage(), e);
            }
            try {
                VtnClient.baseUrl(program.vtn().url());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gridflex.gateway.programs." + id + ".vtn.url: " + e.getMessage(),
                        e);
            }
            if (program.venName().isBlank()) {
                throw new IllegalStateException("gridflex.gateway.programs." + id + ".ven-name is blank");
            }
            program.resources().forEach((resource, sites) -> checkResource(id, resource, sites));
        });
        GatewayConfig.Reports reports = config.reports();
        if (reports.minSamplingPeriod().compareTo(Duration.ofSeconds(1)) < 0
                || reports.maxSamplingPeriod().compareTo(reports.minSamplingPeriod()) < 0
                || reports.minSamplingPeriod().toMillis() % 1000 != 0
                || reports.maxSamplingPeriod().toMillis() % 1000 != 0) {
            throw new IllegalStateException("gridflex.gateway.reports.min-sampling-period and max-sampling-period are"
                    + " whole seconds, at least 1s, min not above max; got " + reports.minSamplingPeriod() + " and "
                    + reports.maxSamplingPeriod());
        }
        GatewayConfig.Reports.History history = reports.history();
        if (history.bucket().toMillis() % 1000 != 0 || history.bucket().isZero() || history.bucket().isNegative()
                || Duration.ofHours(1).toMillis() % history.bucket().toMillis() != 0) {
            throw new IllegalStateException("gridflex.gateway.reports.history.bucket is whole seconds dividing an hour"
                    + " (e.g. 1m, 5m, 15m), got " + history.bucket());
        }
        if (!history.retention().isPositive() || !history.writeInterval().isPositive()
                || history.maxBacklog() < 1) {
            throw new IllegalStateException("gridflex.gateway.reports.history.retention, write-interval and"
                    + " max-backlog must be positive");
        }
        if (!reports.vtnReadingsRetention().isPositive()) {
            throw new IllegalStateException("gridflex.gateway.reports.vtn-readings-retention must be positive, got "
                    + reports.vtnReadingsRetention());
        }
        if (reports.maxIntervalsPerReport() < 1 || !config.telemetry().freshness().isPositive()) {
            throw new IllegalStateException("gridflex.gateway.reports.max-intervals-per-report and"
                    + " gridflex.gateway.telemetry.freshness must be positive");
        }
    }

    private static void checkResource(String program, String resource, ProgramConfig.Resource config) {
        String key = "gridflex.gateway.programs." + program + ".resources." + resource + ".sites";
        if (!RESOURCE_ID.matcher(resource).matches()) {
            throw new IllegalStateException("gridflex.gateway.programs." + program + ".resources.<resource id>: a"
                    + " resourceID is 1 to 120 printable ASCII characters without spaces, got '" + resource + "'");
        }
        if (config.sites().isEmpty()) {
            throw new IllegalStateException(key + " names no site");
        }
        for (String site : config.sites()) {
            if (!KafkaPolicy.SITE_ID.matcher(site).matches()) {
                throw new IllegalStateException(key + ": '" + site + "' is not a site id");
            }
        }
    }
}
