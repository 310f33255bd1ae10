package io.gridflex.vtnsim.openadr;

import java.util.Optional;

import io.gridflex.openadr.model.oadr.OadrPayload;

/** The service behind one simpleHTTP endpoint: one validated message in, the reply out. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * @param message the body of oadrSignedObject, e.g. an {@code OadrPollType}
     * @return the reply, or empty where OpenADR expects none (an oadrResponse is never answered), which the transport
     *         turns into an empty HTTP 200
     */
    Optional<OadrPayload> handle(Object message);
}
