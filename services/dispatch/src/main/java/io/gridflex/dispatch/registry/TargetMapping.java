package io.gridflex.dispatch.registry;

import java.util.List;

/**
 * The sites one OpenADR resource or group of a program stands for.
 *
 * @param programId the program
 * @param kind resource or group
 * @param targetId the VTN's resourceID or groupID
 * @param siteIds the sites, each enrolled in the program
 */
public record TargetMapping(String programId, TargetKind kind, String targetId, List<String> siteIds) {

    public TargetMapping {
        siteIds = List.copyOf(siteIds);
    }
}
