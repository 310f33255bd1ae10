package io.gridflex.openadr;

import java.time.Instant;
import java.util.Objects;

import io.gridflex.openadr.model.ei.OptTypeType;

/**
 * Who opts in or out, and why: the part of an oadrCreateOpt shared by event opts and schedule opts.
 *
 * @param optReason an OpenADR opt reason such as {@code participating}, {@code notParticipating}, {@code emergency}
 */
public record OptDecision(String optId, OptTypeType optType, String optReason, String venId, Instant createdAt) {

    public OptDecision {
        Objects.requireNonNull(optId, "optId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(optReason, "optReason");
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
