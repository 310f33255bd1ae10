package io.gridflex.siteagent.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;
import io.gridflex.siteagent.AtomicFile;

/**
 * The agent's memory on disk. Written whole to a temporary file, synced, and moved over the old one, so a crash (or a
 * power cut) leaves either the previous state or the new one, never half of each. An unreadable file, including one an older agent wrote in
 * another format, is set aside (not deleted: it may be needed to understand what happened) and the agent starts from
 * nothing until the next schedule arrives (each one is complete, so one is enough).
 */
public final class StateFile {

    private static final Logger LOG = Logger.getLogger(StateFile.class);

    private final Path path;
    private final ObjectMapper mapper;

    public StateFile(Path path) {
        this.path = path.toAbsolutePath();
        // Only record components are state; derived booleans such as isAsleep() must not become fields.
        this.mapper = MessageCodec.newObjectMapper().setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE);
    }

    public Path path() {
        return path;
    }

    public AgentState load() {
        if (!Files.exists(path)) {
            return AgentState.empty();
        }
        try {
            AgentState state = mapper.readValue(path.toFile(), AgentState.class);
            return state == null ? AgentState.empty() : state;
        } catch (IOException e) {
            Path aside = path.resolveSibling(path.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            LOG.errorf(e, "state file %s is unreadable; moved to %s, starting without a schedule", path, aside);
            try {
                Files.move(path, aside);
            } catch (IOException moveFailure) {
                throw new UncheckedIOException("cannot set aside unreadable state file " + path, moveFailure);
            }
            return AgentState.empty();
        }
    }

    /** Writes the whole state, synced to disk before it replaces the previous one. */
    public void save(AgentState state) {
        try {
            AtomicFile.write(path, mapper.writeValueAsString(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the agent's state", e);
        }
    }
}
