package io.gridflex.settlement.event;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.gridflex.messages.InvalidMessageException;
import io.gridflex.messages.MessageCodec;
import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.Topics;
import io.gridflex.settlement.messaging.RejectedMessages;
import io.gridflex.support.db.UntilStored;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Learns from dispatch's commands which sites took part in which event, with what shed and until when. While the
 * database is away the message is held and retried ({@link UntilStored}), never skipped.
 */
@ApplicationScoped
public class SiteCommandConsumer {

    private final MessageCodec codec;
    private final ParticipationRepository repository;
    private final RejectedMessages rejected;
    private final UntilStored untilStored;

    public SiteCommandConsumer(MessageCodec codec, ParticipationRepository repository, RejectedMessages rejected,
            UntilStored untilStored) {
        this.codec = codec;
        this.repository = repository;
        this.rejected = rejected;
        this.untilStored = untilStored;
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
        CommandDecision decision = untilStored.run(Topics.SITE_COMMANDS,
                () -> repository.apply(command, Instant.now()));
        if (decision instanceof CommandDecision.Ignore ignore) {
            rejected.reject(Topics.SITE_COMMANDS, ignore.reason(), ignore.detail());
        }
    }
}
