package io.gridflex.vtnsim.log;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.openadr.OadrMessages;
import io.gridflex.openadr.model.oadr.OadrPayload;
import io.gridflex.vtnsim.openadr.MessageNames;

/**
 * Every message VENs sent to this VTN's simpleHTTP services, in order of arrival, with this VTN's answer: what a
 * certification harness watches on the wire (the start-up order, the IDs a confirmation carries, the acknowledgement
 * of a re-registration request). In memory and bounded: the oldest entries go first beyond {@link #CAPACITY}.
 */
@ApplicationScoped
public class MessageLog {

    /** Enough for hours of a test VEN's polling at once a second; a long-running simulator keeps the latest. */
    static final int CAPACITY = 20_000;

    private final ArrayDeque<ReceivedMessage> messages = new ArrayDeque<>();
    private final Clock clock;
    private long sequence;

    public MessageLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param message the body of the VEN's oadrSignedObject
     * @param reply this VTN's answer; empty for an empty HTTP 200
     */
    public synchronized ReceivedMessage record(String service, Object message, Optional<OadrPayload> reply) {
        MessageFacts facts = MessageFacts.of(message);
        Object answer = reply.map(OadrMessages::body).orElse(null);
        ReceivedMessage received = new ReceivedMessage(++sequence, clock.instant(), service, MessageNames.of(message),
                facts.venId(), facts.registrationId(), facts.requestId(), facts.responseCode(),
                MessageNames.of(answer), answer == null ? null : MessageFacts.of(answer).responseCode());
        if (messages.size() == CAPACITY) {
            messages.removeFirst();
        }
        messages.addLast(received);
        return received;
    }

    /** The messages kept that pass {@code filter}, oldest first. */
    public synchronized List<ReceivedMessage> find(Predicate<ReceivedMessage> filter) {
        return messages.stream().filter(filter).toList();
    }
}
