package io.gridflex.infra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Servers started at most once per JVM, by name: by the first caller of {@link #get}, or ahead of it on a thread of its
 * own; every caller gets the same server, or the same start failure.
 * <p>
 * Quarkus tests load each application (a test profile, another set of test resources) in a class loader of its own,
 * so a static field in test code is one per application, not one per JVM. This class is meant to be loaded once, by
 * the JVM's class loader: the test JVMs list this artifact in {@code quarkus.class-loading.parent-first-artifacts},
 * and {@link #requireJvmWide()} says so plainly when they do not.
 */
public final class OncePerJvm {

    private static final ConcurrentHashMap<String, CompletableFuture<Object>> STARTED = new ConcurrentHashMap<>();

    private OncePerJvm() {
    }

    /** The server named {@code name}, started in the calling thread if nothing has started it yet. */
    @SuppressWarnings("unchecked")
    public static <T> T get(String name, Supplier<T> start) {
        try {
            return (T) begin(name, start, false).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Begins starting the server named {@code name} on a daemon thread, unless it has begun already. */
    public static void startInBackground(String name, Supplier<?> start) {
        begin(name, start, true);
    }

    /** Fails unless this class is the JVM's one copy (loaded by the system class loader). */
    public static void requireJvmWide() {
        if (OncePerJvm.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
            throw new IllegalStateException("io.gridflex:gridflex-infra is loaded by " + OncePerJvm.class
                    .getClassLoader() + ", not the JVM's class loader: every Quarkus application of the test JVM would "
                    + "start its own servers. List it in quarkus.class-loading.parent-first-artifacts.");
        }
    }

    private static CompletableFuture<Object> begin(String name, Supplier<?> start, boolean background) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = STARTED.putIfAbsent(name, mine);
        if (existing != null) {
            return existing;
        }
        Runnable run = () -> {
            try {
                mine.complete(start.get());
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
        };
        if (background) {
            Thread thread = new Thread(run, "start-" + name);
            thread.setDaemon(true);
            thread.start();
        } else {
            run.run();
        }
        return mine;
    }
}
