package io.gridflex.gateway.event;

import java.util.Optional;

import io.gridflex.messages.DrEvent;
import io.gridflex.openadr.OadrResponseCode;
import io.gridflex.openadr.model.ei.OptTypeType;

/**
 * The revision of an event the gateway holds: what it answered and the last DrEvent it published for the event
 * (which may be of an older revision, when a later one was declined).
 *
 * @param modificationNumber the VTN's, as received
 * @param implicitCancellations how often the gateway cancelled the event implicitly (see
 *        {@link ImplicitCancellation}); added to the VTN's modification number in what it publishes
 */
public record StoredRevision(long modificationNumber, OptTypeType optType, OadrResponseCode responseCode,
        Optional<DrEvent> lastPublished, int implicitCancellations) {

    public StoredRevision(long modificationNumber, OptTypeType optType, OadrResponseCode responseCode,
            Optional<DrEvent> lastPublished) {
        this(modificationNumber, optType, responseCode, lastPublished, 0);
    }
}
