package io.gridflex.settlement.event;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.messaging.RejectedMessages;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** Learns from dispatch's commands which sites took part in which event, with what shed and until when. */
@ApplicationScoped
public class SiteCommandConsumer {

    private final MessageCodec codec;
    private final ParticipationRepository repository;
    private final RejectedMessages rejected;

    public SiteCommandConsumer(MessageCodec codec, ParticipationRepository repository, RejectedMessages rejected) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
    }

    @Incoming(Topics.SITE_COMMANDS)
    @Blocking
    public void consume(String payload) {
        SiteCommand command;
        try {
            command = codec.decode(SiteCommand.class, payload);
        } catch (InvalidMessageException e) {
            rejected.reject(Topics.SITE_COMMANDS, "invalid-message", e.getMessage());
            return;
        }
        if (repository.apply(command, Instant.now()) instanceof CommandDecision.Ignore ignore) {
            rejected.reject(Topics.SITE_COMMANDS, ignore.reason(), ignore.detail());
        }
    }
}
