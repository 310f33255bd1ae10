package io.gridflex.vtnsim.report;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /admin/reports/on-registration}: what to ask of every VEN that registers its reports. */
public record ReportScript(
        @Schema(description = "The requests; an empty list asks for nothing (the default)", required = true) List<ScriptedRequest> requests) {
}
