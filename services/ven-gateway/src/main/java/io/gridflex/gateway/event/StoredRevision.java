package io.gridflex.gateway.event;

import java.util.Optional;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

/**
 * The revision of an event the gateway holds: what it answered and the last DrEvent it published for the event
 * (which may be of an older revision, when a later one was declined).
 */
public record StoredRevision(long modificationNumber, OptTypeType optType, OadrResponseCode responseCode,
        Optional<DrEvent> lastPublished) {
}
