package io.gridflex.gateway.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.gridflex.gateway.vtn.VtnAnswers;
import io.gridflex.gateway.vtn.VtnService;
import io.gridflex.openadr.model.oadr.OadrPayload;

/**
 * The answers to one pushed message: the answer of a request/response pair becomes the HTTP response body; requests
 * of the VEN's own (oadrCreatedEvent) wait until that response is written.
 */
final class PushAnswers implements VtnAnswers {

    private static final Logger LOG = Logger.getLogger(PushAnswers.class);

    private OadrPayload response;
    private final List<Runnable> afterwards = new ArrayList<>();

    @Override
    public Optional<OadrPayload> answer(VtnService service, OadrPayload answer) {
        if (response != null) {
            // One HTTP response per request: never happens with the messages we handle, but never lose an answer.
            LOG.warnf("a second answer to one pushed message, dropped: %s", answer.getOadrSignedObject());
            return Optional.empty();
        }
        response = answer;
        return Optional.empty();
    }

    @Override
    public void afterwards(Runnable send) {
        afterwards.add(send);
    }

    Optional<OadrPayload> response() {
        return Optional.ofNullable(response);
    }

    List<Runnable> followUps() {
        return List.copyOf(afterwards);
    }
}
