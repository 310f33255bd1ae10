package io.gridflex.siteagent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed with {@code kill -9} while appending loses no record whose append had returned: another JVM appends
 * as fast as it can and is killed with SIGKILL, and the journal it leaves holds every record it reported.
 */
class JournalCrashTest {

    /** Small segments, so the kill may also fall while one is begun. */
    static final LinkJournal.Bounds BOUNDS = new LinkJournal.Bounds(256 << 20, Duration.ofDays(7), 2048);

    @TempDir
    Path dir;

    static String value(long i) {
        return "{\"siteId\":\"site-a\",\"intervalStart\":\"" + i + "\",\"averageKw\":24.125}";
    }

    @Test
    void everyRecordWhoseAppendReturnedSurvivesAKillMinus9() throws IOException, InterruptedException {
        for (int run = 0; run < 3; run++) {
            long before;
            try (LinkJournal journal = LinkJournal.open(dir, BOUNDS, Clock.systemUTC(), (c, b, r) -> {
            })) {
                before = journal.backlog().records();
            }
            long reported = appendAndKill(500 + 137 * run);

            try (LinkJournal journal = LinkJournal.open(dir, BOUNDS, Clock.systemUTC(), (c, b, r) -> {
            })) {
                List<JournalRecord> records = journal.unsent(Integer.MAX_VALUE);
                // Each run starts its values at 0 again; the sequences carry on.
                assertThat(records.size()).isGreaterThanOrEqualTo((int) (before + reported + 1));
                List<JournalRecord> thisRun = records.subList((int) before, records.size());
                assertThat(thisRun.subList(0, (int) reported + 1)).extracting(JournalRecord::value)
                        .containsExactlyElementsOf(LongStream.rangeClosed(0, reported)
                                .mapToObj(JournalCrashTest::value).toList());
                assertThat(records).extracting(JournalRecord::sequence)
                        .containsExactlyElementsOf(LongStream.range(0, records.size()).boxed().toList());
            }
        }
    }

    /** Runs {@link JournalAppender} until it reported {@code atLeast} appends, kills it, and returns the last one. */
    private long appendAndKill(int atLeast) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                JournalAppender.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long last = -1;
        long first = -1;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (int n = 0; n < atLeast; n++) {
                String line = lines.readLine();
                if (line == null) {
                    throw new AssertionError("the appender ended by itself after " + n + " appends");
                }
                last = Long.parseLong(line.strip());
                first = first < 0 ? last : first;
            }
            // SIGKILL, through the handle: Process.destroyForcibly would also close the pipe still to be read.
            assertThat(process.toHandle().destroyForcibly()).isTrue();
            // Lines it printed before dying are appends that returned, too.
            for (String line; (line = lines.readLine()) != null;) {
                if (!line.isBlank()) {
                    last = Long.parseLong(line.strip());
                }
            }
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(137);
        return last - first;
    }
}
