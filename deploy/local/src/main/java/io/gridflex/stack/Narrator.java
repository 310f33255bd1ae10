package io.gridflex.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tells a person, in plain words, what each step did and how long it took; remembers which steps failed. */
public final class Narrator {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final List<String> failures = new ArrayList<>();

    public Narrator(PrintStream out) {
        this.out = out;
    }

    public void step(String text, Object... args) {
        line("  ok  ", String.format(Locale.ROOT, text, args));
    }

    public void info(String text, Object... args) {
        line("      ", String.format(Locale.ROOT, text, args));
    }

    public void fail(String text, Object... args) {
        String message = String.format(Locale.ROOT, text, args);
        failures.add(message);
        line("FAILED", message);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public boolean failed() {
        return !failures.isEmpty();
    }

    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private synchronized void line(String tag, String text) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "[%6.1f s] %s %s%n", elapsed, tag, text);
        out.flush();
    }
}
