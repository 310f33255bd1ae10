package io.gridflex.gateway.event;

import io.gridflex.openadr.OadrResponseCode;

/** Thrown inside validation at the first problem found; turned into a {@link Verdict.Refused}. */
final class EventRefusal extends RuntimeException {

    private final OadrResponseCode code;

    EventRefusal(OadrResponseCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    Verdict.Refused verdict() {
        return new Verdict.Refused(code, getMessage());
    }
}
