package io.gridflex.settlement.revenue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.gridflex.settlement.SettlementConfig;
import io.gridflex.settlement.api.Ids;
import io.gridflex.settlement.api.Roles;
import io.gridflex.settlement.statement.Hashes;
import io.gridflex.support.audit.Actors;
import io.gridflex.support.audit.AuditLog;
import io.gridflex.support.db.Transactions;
import io.gridflex.support.web.ApiException;
import io.smallrye.common.annotation.Blocking;

@Path("/api/sites/{siteId}/meter-readings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metering")
@Blocking
public class RevenueResource {

    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final RevenueRepository repository;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Actors actors;
    private final Clock clock;
    private final SettlementConfig config;

    public RevenueResource(RevenueRepository repository, Transactions transactions, AuditLog audit, Actors actors,
            Clock clock, SettlementConfig config) {
        this.repository = repository;
        this.transactions = transactions;
        this.audit = audit;
        this.actors = actors;
        this.clock = clock;
        this.config = config;
    }

    @POST
    @Consumes("text/csv")
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Import a revenue meter's interval file for a site", description = "CSV with a header naming "
            + "interval_start, interval_end (ISO-8601 with an offset) and energy_kwh. Revenue-meter data is the "
            + "settlement-grade source: statements use it wherever it covers a settlement interval, telemetry "
            + "elsewhere. New intervals are added; an interval held with other figures gets a new version (the "
            + "earlier stays); the same figures change nothing, so importing a file twice is harmless.")
    @APIResponse(responseCode = "201", description = "What the import added, corrected and left unchanged")
    @APIResponse(responseCode = "400", description = "The file is not as described, or a row overlaps a held "
            + "interval of another start; the message names the line and nothing is stored")
    public Response importFile(@PathParam("siteId") String siteId, String csv) {
        return store(siteId, csv, (now, maxSiteKw) -> RevenueFile.parse(csv, now, maxSiteKw));
    }

    @POST
    @Consumes({"application/atom+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @RolesAllowed(Roles.BILLING_ADMIN)
    @Operation(summary = "Import a revenue meter's Green Button (ESPI) XML file for a site", description = "An Atom "
            + "feed with one ReadingType (uom 72, Wh, times ten to its powerOfTenMultiplier; interval deltas of "
            + "energy delivered to the site) and its IntervalBlocks; each IntervalReading is one interval. Stored "
            + "exactly as a CSV import: the same intervals from either format change nothing the second time.")
    @APIResponse(responseCode = "201", description = "What the import added, corrected and left unchanged")
    @APIResponse(responseCode = "400", description = "Not well-formed, a DTD, another reading type, a reading that "
            + "is not an interval, or a row overlapping a held interval of another start; nothing is stored")
    public Response importGreenButton(@PathParam("siteId") String siteId, String xml) {
        return store(siteId, xml, (now, maxSiteKw) -> GreenButtonFile.parse(xml, now, maxSiteKw));
    }

    /** How a file's text becomes its rows, refusing it with an IllegalArgumentException that says why. */
    private interface Reader {

        RevenueFile read(Instant now, BigDecimal maxSiteKw);
    }

    private Response store(String siteId, String text, Reader reader) {
        String site = Ids.check("site", siteId);
        if (text != null && text.length() > MAX_BYTES) {
            throw ApiException.badRequest("invalid-file", "the file is larger than " + MAX_BYTES + " bytes");
        }
        Instant now = clock.instant();
        RevenueFile file;
        try {
            file = reader.read(now, config.intake().maxSiteKw());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-file", e.getMessage());
        }
        RevenueImport result = transactions.inTransaction(connection -> {
            RevenueImport done = repository.importFile(connection, site, file, Hashes.sha256(text),
                    actors.current().name(), now);
            audit.record(connection, actors.current(), "meter-readings.import", "site/" + site, null, done, now);
            return done;
        });
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @GET
    @Path("imports")
    @RolesAllowed({Roles.BILLING_VIEWER, Roles.BILLING_ADMIN, Roles.AUDITOR})
    @Operation(summary = "A site's revenue-meter imports, newest first")
    @APIResponse(responseCode = "200", description = "The imports")
    public List<RevenueImport> imports(@PathParam("siteId") String siteId) {
        String site = Ids.check("site", siteId);
        return transactions.read(connection -> repository.imports(connection, site));
    }
}
