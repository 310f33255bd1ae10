package io.gridflex.siteagent.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.messages.SiteCommand;
import io.gridflex.messages.SiteCommand.Action;

class StateFileTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansNothingIsActive() {
        assertThat(new StateFile(dir.resolve("state.json")).load()).isEqualTo(AgentState.empty());
    }

    @Test
    void whatIsSavedIsWhatALaterAgentLoads() {
        Instant now = Instant.parse("2025-01-07T12:00:00Z");
        CommandLedger ledger = new CommandLedger("site-a", Duration.ofSeconds(5));
        SiteCommand command = new SiteCommand("ev#2@site-a", "site-a", "ev", 2, Action.SHED, 12.5, now,
                now.plusSeconds(900), now);
        ledger.offer(command, now);
        ledger.advance(command.commandId(), ActiveCommand.Phase.SHED);
        ledger.hold(new HeldMiner("127.0.0.1:4028", 3012, now, null));
        ledger.hold(new HeldMiner("127.0.0.1:4029", 3009, now, now.plusSeconds(3)));
        StateFile file = new StateFile(dir.resolve("nested/state.json"));

        file.save(ledger.snapshot());
        AgentState loaded = new StateFile(dir.resolve("nested/state.json")).load();

        assertThat(loaded).isEqualTo(ledger.snapshot());
        assertThat(loaded.active().command()).isEqualTo(command);
        assertThat(Files.exists(dir.resolve("nested/state.json.tmp"))).isFalse();
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheAgentStartsClean() throws IOException {
        Path path = dir.resolve("state.json");
        Files.writeString(path, "{\"active\": tru");

        AgentState state = new StateFile(path).load();

        assertThat(state).isEqualTo(AgentState.empty());
        assertThat(Files.exists(path)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("state.json.unreadable-"));
        }
    }
}
