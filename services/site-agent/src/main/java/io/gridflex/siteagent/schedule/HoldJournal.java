package io.gridflex.siteagent.schedule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.messages.MessageCodec;

/**
 * The changes to the miners the agent is responsible for since the state file was last written, one JSON line each,
 * appended and synced to disk before the change is acted on. A batch of changes (every miner of one shed round) costs
 * one append and one sync, whatever the size of the fleet, where rewriting the state file per miner would cost the
 * whole state each time. Writing the state file, which then holds every change, empties the journal.
 * <p>
 * A crash can leave the last line half written: it never completed, so its change was never acted on, and it is
 * ignored when the journal is read back.
 */
public final class HoldJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HoldJournal.class);

    private final Path path;
    private final ObjectMapper mapper = MessageCodec.newObjectMapper();
    private FileChannel channel;
    private long records;

    public HoldJournal(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** The changes recorded since the state file was last written, oldest first. */
    public List<HoldRecord> read() {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null;) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the hold journal " + path, e);
        }
        List<HoldRecord> changes = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                changes.add(mapper.readValue(line, HoldRecord.class));
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    LOG.warnf("hold journal %s ends with a half-written change (a crash while appending); ignored",
                            path);
                } else {
                    LOG.errorf("hold journal %s line %d is unreadable; skipped: %s", path, i + 1,
                            e.getOriginalMessage());
                }
            }
        }
        records = changes.size();
        return changes;
    }

    /** Appends the changes and syncs them to disk; they are safe from a crash once this returns. */
    public synchronized void append(Collection<HoldRecord> changes) {
        if (changes.isEmpty()) {
            return;
        }
        try {
            FileChannel out = channel();
            ByteBuffer bytes = ByteBuffer.wrap(encode(changes));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
            records += changes.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the hold journal " + path, e);
        }
    }

    /**
     * Encodes the changes as they would be appended, and drops them: run ahead of a big shed, so that the encoding of
     * thousands of intents at its start runs as compiled code rather than cold.
     */
    public void rehearse(Collection<HoldRecord> changes) {
        try {
            encode(changes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode hold changes", e);
        }
    }

    private byte[] encode(Collection<HoldRecord> changes) throws JsonProcessingException {
        StringBuilder lines = new StringBuilder(changes.size() * 120);
        for (HoldRecord change : changes) {
            lines.append(mapper.writeValueAsString(change)).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Changes in the journal now. */
    public synchronized long records() {
        return records;
    }

    /** Empties the journal: the state file just written holds every change in it. */
    public synchronized void clear() {
        try {
            FileChannel out = channel();
            out.truncate(0);
            out.force(true);
            records = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the hold journal " + path, e);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            Path dir = path.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        return channel;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing %s: %s", path, e.getMessage());
            }
            channel = null;
        }
    }
}
