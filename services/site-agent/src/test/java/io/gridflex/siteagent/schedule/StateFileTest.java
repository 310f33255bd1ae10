package io.gridflex.siteagent.schedule;

import static io.gridflex.siteagent.Schedules.cap;
import static io.gridflex.siteagent.Schedules.event;
import static io.gridflex.siteagent.Schedules.schedule;
import static io.gridflex.siteagent.Schedules.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.SiteSchedule;

class StateFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansNothingIsHeld() {
        assertThat(new StateFile(dir.resolve("state.json")).load()).isEqualTo(AgentState.empty());
    }

    @Test
    void whatIsSavedIsWhatALaterAgentLoads() {
        Instant now = Instant.parse("2025-01-07T12:00:00Z");
        ScheduleLedger ledger = new ScheduleLedger("site-a", Duration.ofSeconds(5));
        SiteSchedule schedule = schedule("site-a", 12, now,
                segment(now, now.plusSeconds(900), event("vtn/ev1", 12.5)),
                segment(now.plusSeconds(900), now.plusSeconds(1800), event("vtn/ev1", 12.5), cap("vtn/ev2", 80)));
        ledger.offer(schedule, now);
        SegmentProgress present = SegmentProgress.begin(12, schedule.segments().getFirst(), now);
        ledger.moveTo(present);
        ledger.markShed(present, 12.5);
        ledger.openRestore(SegmentProgress.begin(11, schedule.segments().getLast(), now.minusSeconds(60)));
        ledger.hold(new HeldMiner("127.0.0.1:4028", 3012, now, null));
        ledger.hold(new HeldMiner("127.0.0.1:4029", 3009, now, now.plusSeconds(3)));
        StateFile file = new StateFile(dir.resolve("nested/state.json"));

        file.save(ledger.snapshot());
        AgentState loaded = new StateFile(dir.resolve("nested/state.json")).load();

        assertThat(loaded).isEqualTo(ledger.snapshot());
        assertThat(loaded.schedule()).isEqualTo(schedule);
        assertThat(loaded.present().shed()).isTrue();
        assertThat(loaded.lastRevision()).isEqualTo(12);
        assertThat(Files.exists(dir.resolve("nested/state.json.tmp"))).isFalse();
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheAgentStartsClean() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, "{\"schedule\": tru");

        assertSetAside(path);
    }

    @Test
    void aFileInThePreviousFormatIsSetAsideAndTheAgentStartsClean() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, """
                {"active":{"command":{"commandId":"ev#1@site-a","siteId":"site-a","eventId":"ev","revision":1,
                "action":"SHED","shedKw":5.0,"start":"2025-01-07T12:00:00Z","end":"2025-01-07T13:00:00Z",
                "issuedAt":"2025-01-07T12:00:00Z"},"phase":"SHED","acceptedAt":"2025-01-07T12:00:00Z"},
                "held":[{"endpoint":"127.0.0.1:4028","runningW":3010.0,"heldSince":"2025-01-07T12:00:01Z",
                "wokenAt":null}],"recentCommandIds":["ev#1@site-a"],"eventRevisions":{"ev":1}}""");

        assertSetAside(path);
    }

    private void assertSetAside(Path path) throws IOException {
        AgentState state = new StateFile(path).load();

        assertThat(state).isEqualTo(AgentState.empty());
        assertThat(Files.exists(path)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("state.json.unreadable-"));
        }
    }
}
