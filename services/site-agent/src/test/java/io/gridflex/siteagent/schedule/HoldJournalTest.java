package io.gridflex.siteagent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold journal: append and read back, a torn last line, emptying, and replaying onto a state that has it. */
class HoldJournalTest {

    private static final Instant AT = Instant.parse("2026-07-01T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void readsBackWhatWasAppendedInOrder() {
        List<HoldRecord> changes = List.of(HoldRecord.intend(new PendingSleep("10.0.0.1:4028", 3010, AT)),
                HoldRecord.hold(new HeldMiner("10.0.0.1:4028", 3010, AT, null)),
                HoldRecord.wake("10.0.0.1:4028", AT.plusSeconds(60)), HoldRecord.release("10.0.0.1:4028"),
                HoldRecord.drop("10.0.0.2:4028"));
        try (HoldJournal journal = new HoldJournal(dir.resolve("a.holds"))) {
            journal.append(changes.subList(0, 2));
            journal.append(changes.subList(2, 5));
            assertThat(journal.records()).isEqualTo(5);
        }
        assertThat(new HoldJournal(dir.resolve("a.holds")).read()).containsExactlyElementsOf(changes);
    }

    @Test
    void aHalfWrittenLastLineIsIgnoredAndTheRestKept() throws IOException {
        Path path = dir.resolve("b.holds");
        HoldRecord held = HoldRecord.hold(new HeldMiner("10.0.0.1:4028", 3010, AT, null));
        try (HoldJournal journal = new HoldJournal(path)) {
            journal.append(List.of(held));
        }
        Files.writeString(path, "{\"op\":\"HOLD\",\"endpoint\":\"10.0.0.2:40", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(new HoldJournal(path).read()).containsExactly(held);
    }

    @Test
    void clearingEmptiesItAndLaterAppendsStartAfresh() {
        Path path = dir.resolve("c.holds");
        HoldRecord first = HoldRecord.release("10.0.0.1:4028");
        HoldRecord second = HoldRecord.release("10.0.0.2:4028");
        try (HoldJournal journal = new HoldJournal(path)) {
            journal.append(List.of(first));
            journal.clear();
            journal.append(List.of(second));
        }
        assertThat(new HoldJournal(path).read()).containsExactly(second);
    }

    @Test
    void replayingAJournalOntoAStateThatAlreadyHasItChangesNothing() {
        ScheduleLedger ledger = new ScheduleLedger("site-a", Duration.ofSeconds(5));
        List<HoldRecord> changes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String miner = "10.0.0." + i + ":4028";
            changes.add(HoldRecord.intend(new PendingSleep(miner, 3000 + i, AT)));
            if (i % 3 == 0) {
                changes.add(HoldRecord.drop(miner));
            } else {
                changes.add(HoldRecord.hold(new HeldMiner(miner, 3000 + i, AT, null)));
            }
            if (i % 4 == 1) {
                changes.add(HoldRecord.wake(miner, AT.plusSeconds(i)));
            }
            if (i % 8 == 1) {
                changes.add(HoldRecord.release(miner));
                changes.add(HoldRecord.hold(new HeldMiner(miner, 2900, AT.plusSeconds(100), null)));
            }
        }
        changes.add(HoldRecord.intend(new PendingSleep("10.0.0.99:4028", 3100, AT)));
        changes.forEach(ledger::apply);
        AgentState once = ledger.snapshot();

        ScheduleLedger restarted = ScheduleLedger.restore("site-a", Duration.ofSeconds(5), once);
        changes.forEach(restarted::apply);

        assertThat(restarted.snapshot()).isEqualTo(once);
        assertThat(once.pending()).extracting(PendingSleep::endpoint).containsExactly("10.0.0.99:4028");
        assertThat(once.held()).hasSize(14).filteredOn(HeldMiner::isAsleep).hasSize(12);
    }
}
