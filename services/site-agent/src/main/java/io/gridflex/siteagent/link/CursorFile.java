package io.gridflex.siteagent.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

import org.jboss.logging.Logger;

/**
 * The sequence of the first record the broker has not acknowledged, in a file of its own beside the segments: a few
 * bytes written to a temporary file, synced and moved over the old one, so a crash leaves the old cursor or the new
 * one. An old cursor only means records are sent again, which consumers recognise; a missing or unreadable one means
 * the whole journal is.
 */
final class CursorFile {

    private static final Logger LOG = Logger.getLogger(CursorFile.class);

    private final Path path;
    private final Path temporary;

    CursorFile(Path directory) {
        this.path = directory.resolve("cursor");
        this.temporary = directory.resolve("cursor.tmp");
    }

    OptionalLong load() {
        if (!Files.exists(path)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            LOG.errorf("link journal cursor %s is unreadable (%s); every record still in the journal is sent again",
                    path, e.toString());
            return OptionalLong.empty();
        }
    }

    void save(long next) {
        try {
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer text = StandardCharsets.US_ASCII.encode(next + "\n");
                while (text.hasRemaining()) {
                    file.write(text);
                }
                file.force(true);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write link journal cursor " + path, e);
        }
    }
}
