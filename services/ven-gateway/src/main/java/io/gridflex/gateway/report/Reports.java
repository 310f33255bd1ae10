package io.gridflex.gateway.report;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.gateway.GatewayConfig;
import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.history.UsageHistory;
import io.gridflex.gateway.program.ProgramConfig;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.telemetry.SiteReadings;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.gateway.vtnreport.VtnReportDesk;
import io.gridflex.gateway.vtnreport.VtnReportRepository;
import io.gridflex.gateway.vtnreport.WantedReport;
import io.gridflex.support.db.Transactions;

/** Makes each program's {@link ProgramReports} from the beans they share. */
@ApplicationScoped
public class Reports {

    private final Transactions transactions;
    private final ReportRequestRepository requests;
    private final ReportRegistrationRepository registrations;
    private final SiteReadings readings;
    private final UsageHistory history;
    private final GatewayMetrics metrics;
    private final GatewayConfig config;
    private final Clock clock;
    private final VtnReportRepository vtnReports;

    public Reports(Transactions transactions, ReportRequestRepository requests,
            ReportRegistrationRepository registrations, SiteReadings readings, UsageHistory history,
            GatewayMetrics metrics, GatewayConfig config, Clock clock, VtnReportRepository vtnReports) {
        this.transactions = transactions;
        this.requests = requests;
        this.registrations = registrations;
        this.readings = readings;
        this.history = history;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.vtnReports = vtnReports;
    }

    /** The reports of one program, sent through its own VTN client. */
    public ProgramReports forProgram(String program, ProgramConfig programConfig, VtnClient client,
            RegistrationState state) {
        ReportCatalog catalog = ReportCatalog.of(programConfig, config.reports());
        return new ProgramReports(program, catalog, client, state,
                new ReportStore(program, transactions, requests, registrations),
                new Sampler(catalog, readings, config.telemetry().freshness()), history, metrics, config.reports(),
                clock, new VtnReportDesk(program, programConfig.vtnReports().values().stream().map(WantedReport::of)
                        .toList(), client, state, transactions, vtnReports, metrics, clock,
                        config.reports().vtnReadingsRetention()));
    }
}
