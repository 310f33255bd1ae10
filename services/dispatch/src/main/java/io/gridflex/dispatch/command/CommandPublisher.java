package io.gridflex.dispatch.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/** Sends outbox rows to the site-commands channel, keyed by site, and reports which ones Kafka acknowledged. */
@ApplicationScoped
public class CommandPublisher {

    private final MutinyEmitter<String> emitter;

    public CommandPublisher(@Channel("site-commands") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the commands together and waits, up to {@code timeout} in all, for each acknowledgement in order. Stops at
     * the first command Kafka did not take, so the ones after it are retried with it and a site does not see a newer
     * revision published well before an older one.
     */
    public Result publish(List<PendingCommand> commands, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Void>> sends = new ArrayList<>(commands.size());
        for (PendingCommand command : commands) {
            try {
                sends.add(emitter.sendMessage(KafkaRecord.of(command.siteId(), command.payload()))
                        .subscribeAsCompletionStage());
            } catch (RuntimeException e) {
                // The emitter refuses outright when its buffer is full or the channel is down.
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        List<PendingCommand> acknowledged = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(commands.get(i));
            } catch (ExecutionException e) {
                return new Result(acknowledged, e.getCause());
            } catch (TimeoutException e) {
                return new Result(acknowledged, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(acknowledged, e);
            }
        }
        return new Result(acknowledged, null);
    }

    /**
     * @param acknowledged the commands Kafka acknowledged, a prefix of those sent
     * @param failure why the next one was not, or null when all were
     */
    public record Result(List<PendingCommand> acknowledged, Throwable failure) {
    }
}
