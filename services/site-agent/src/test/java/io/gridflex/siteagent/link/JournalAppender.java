package io.gridflex.siteagent.link;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Appends records to the journal in {@code args[0]} without end, printing each one's sequence once {@code append}
 * returned: what a test that kills this process may expect to find in the journal.
 */
public final class JournalAppender {

    private JournalAppender() {
    }

    public static void main(String[] args) {
        LinkJournal journal = LinkJournal.open(Path.of(args[0]), JournalCrashTest.BOUNDS, Clock.systemUTC(),
                (channel, bound, records) -> {
                    throw new AssertionError("nothing may be dropped here");
                });
        for (long i = 0;; i++) {
            long sequence = journal.append(LinkChannel.SITE_TELEMETRY, "site-a", JournalCrashTest.value(i));
            System.out.println(sequence);
            System.out.flush();
        }
    }
}
