package io.gridflex.siteagent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Keeps what the agent would have sent to Kafka, for tests that wire the agent's parts by hand. */
public final class RecordingEmitter implements Emitter<String> {

    private final List<String> payloads = new CopyOnWriteArrayList<>();
    private final Consumer<String> onSend;

    public RecordingEmitter() {
        this(payload -> {
        });
    }

    /** Also runs {@code onSend} as each payload is sent, e.g. to see what else was true at that moment. */
    public RecordingEmitter(Consumer<String> onSend) {
        this.onSend = onSend;
    }

    public List<String> payloads() {
        return List.copyOf(payloads);
    }

    @Override
    public CompletionStage<Void> send(String payload) {
        onSend.accept(payload);
        payloads.add(payload);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public <M extends Message<? extends String>> void send(M message) {
        onSend.accept(message.getPayload());
        payloads.add(message.getPayload());
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
