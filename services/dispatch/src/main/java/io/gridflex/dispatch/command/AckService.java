package io.gridflex.dispatch.command;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.gridflex.messages.CommandAck;
import io.gridflex.support.db.Transactions;

/** Records what sites did with their commands. */
@ApplicationScoped
public class AckService {

    private final CommandRepository commands;
    private final AckRepository acks;
    private final Transactions transactions;
    private final Clock clock;

    public AckService(CommandRepository commands, AckRepository acks, Transactions transactions, Clock clock) {
        this.commands = commands;
        this.acks = acks;
        this.transactions = transactions;
        this.clock = clock;
    }

    public AckOutcome record(CommandAck ack) {
        return transactions.inTransaction(connection -> {
            var target = commands.target(connection, ack.commandId());
            if (target.isEmpty()) {
                return AckOutcome.UNKNOWN_COMMAND;
            }
            if (!target.get().siteId().equals(ack.siteId()) || !target.get().eventId().equals(ack.eventId())) {
                return AckOutcome.INCONSISTENT;
            }
            return acks.insert(connection, ack, clock.instant()) ? AckOutcome.RECORDED : AckOutcome.DUPLICATE;
        });
    }
}
