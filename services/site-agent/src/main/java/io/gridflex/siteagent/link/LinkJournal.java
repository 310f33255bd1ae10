package io.gridflex.siteagent.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The agent's outgoing records on local disk, from the moment they are made until the broker has acknowledged them,
 * so neither a lost link nor a crash loses one. Records are appended to segment files ({@link JournalFormat}), each
 * append synced to disk before it returns; a cursor file says which is the first record the broker has not
 * acknowledged, and segments wholly before it are deleted. Only the segment being appended to can end in a torn frame
 * after a crash: it is cut back to its last whole record when the journal opens.
 * <p>
 * The unsent records are bounded in bytes and in age. When a bound is exceeded the oldest unsent records are dropped,
 * logged and counted, never silently. Memory stays small however long the journal: what is kept per segment is its
 * size, and records are read in batches.
 * <p>
 * Thread-safe; one process at a time (a lock file says so).
 */
public final class LinkJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LinkJournal.class);

    /** The bound that dropped a record: {@code max-bytes}, {@code max-age}, or {@code damaged} (unreadable data). */
    public static final String MAX_BYTES = "max-bytes";
    public static final String MAX_AGE = "max-age";
    public static final String DAMAGED = "damaged";

    private static final long HEADER = JournalFormat.HEADER_BYTES;

    /**
     * @param maxBytes most bytes of unsent records kept; the disk holds at most one segment more
     * @param maxAge oldest unsent record kept
     * @param segmentBytes size at which a new segment is begun
     */
    public record Bounds(long maxBytes, Duration maxAge, long segmentBytes) {

        public Bounds {
            if (maxBytes <= 0 || !maxAge.isPositive() || segmentBytes <= HEADER) {
                throw new IllegalArgumentException("link journal bounds must be positive: " + maxBytes + " bytes, "
                        + maxAge + ", segments of " + segmentBytes + " bytes");
            }
        }
    }

    /** Told of records dropped unsent, by channel ({@code unknown} when damage hid it) and bound. */
    @FunctionalInterface
    public interface Drops {

        void dropped(String channel, String bound, long records);
    }

    /**
     * What waits for the broker.
     *
     * @param oldestAppendedAt when the oldest unsent record was appended; null when none waits
     * @param dropped records dropped unsent since the journal was opened
     */
    public record Backlog(long records, long bytes, Instant oldestAppendedAt, long dropped) {
    }

    private final Path directory;
    private final Bounds bounds;
    private final Clock clock;
    private final Drops drops;
    private final CursorFile cursorFile;
    private final FileChannel lockFile;
    /** The live segments: the sequence of each one's first record, and its size in bytes. */
    private final NavigableMap<Long, Long> segments = new TreeMap<>();
    private FileChannel active;
    private long activeFirst;
    private FileChannel reader;
    private long readerFirst = -1;
    private long nextSequence;
    private long cursor;
    private JournalRecord.Position cursorAt;
    private Instant oldest;
    private long dropped;
    private boolean closed;

    private LinkJournal(Path directory, Bounds bounds, Clock clock, Drops drops) throws IOException {
        this.directory = directory;
        this.bounds = bounds;
        this.clock = clock;
        this.drops = drops;
        this.cursorFile = new CursorFile(directory);
        Files.createDirectories(directory);
        this.lockFile = lock(directory);
        try {
            recover();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Opens the journal in {@code directory} (created if need be), recovering whatever a previous run left. */
    public static LinkJournal open(Path directory, Bounds bounds, Clock clock, Drops drops) {
        Path absolute = directory.toAbsolutePath();
        try {
            return new LinkJournal(absolute, bounds, clock, drops);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the link journal in " + absolute, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends a record and syncs it to disk. Records past a bound are dropped first, oldest first; a record bigger
     * than the byte bound alone is kept all the same, as the only one.
     *
     * @return its sequence
     */
    public synchronized long append(LinkChannel channel, String key, String value) {
        ensureOpen();
        Instant now = clock.instant();
        ByteBuffer frame = JournalFormat.frame(nextSequence, now, channel, key, value);
        int size = frame.remaining();
        if (activeSize() > HEADER && activeSize() + size > bounds.segmentBytes()) {
            roll();
        }
        dropBeyondBounds(now, size);
        long offset = activeSize();
        try {
            long at = offset;
            while (frame.hasRemaining()) {
                at += active.write(frame, at);
            }
            active.force(false);
        } catch (IOException e) {
            try {
                active.truncate(offset);
            } catch (IOException truncation) {
                e.addSuppressed(truncation);
            }
            throw new UncheckedIOException("cannot append to the link journal in " + directory, e);
        }
        segments.put(activeFirst, offset + size);
        long sequence = nextSequence++;
        if (cursor == sequence) {
            cursorAt = new JournalRecord.Position(activeFirst, offset);
            oldest = now;
        }
        return sequence;
    }

    /**
     * Up to {@code max} unsent records, oldest first. Unreadable records at the cursor are dropped (logged and
     * counted) on the way; further on, the batch ends before them.
     */
    public synchronized List<JournalRecord> unsent(int max) {
        ensureOpen();
        settleHead();
        List<JournalRecord> batch = new ArrayList<>(Math.min(max, 1024));
        JournalRecord.Position at = cursorAt;
        for (long sequence = cursor; batch.size() < max && sequence < nextSequence; sequence++) {
            at = normalize(at);
            JournalRecord record = readAt(at, sequence);
            if (record == null) {
                break;
            }
            batch.add(record);
            at = record.next();
        }
        return batch;
    }

    /**
     * The broker acknowledged every record up to and including {@code last}: the cursor moves past it, is written to
     * disk, and segments wholly before it are deleted. An acknowledgement the cursor already passed changes nothing.
     */
    public synchronized void acknowledged(JournalRecord last) {
        if (closed || last.sequence() < cursor) {
            return;
        }
        cursor = last.sequence() + 1;
        cursorAt = last.next();
        settleHead();
        cursorFile.save(cursor);
        deleteSentSegments();
    }

    /** Drops the unsent records older than the age bound. Appending does so too; this is for quiet times. */
    public synchronized void dropExpired() {
        ensureOpen();
        dropBeyondBounds(clock.instant(), 0);
    }

    public synchronized Backlog backlog() {
        return new Backlog(nextSequence - cursor, closed ? 0 : unsentBytes(), oldest, dropped);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
    }

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                long first = JournalFormat.firstSequence(file.getFileName().toString());
                if (first >= 0) {
                    segments.put(first, Files.size(file));
                }
            }
        }
        OptionalLong saved = cursorFile.load();
        if (segments.isEmpty()) {
            nextSequence = saved.orElse(0);
            createSegment(nextSequence);
        } else {
            recoverLastSegment();
        }
        long wanted = saved.orElse(segments.firstKey());
        if (wanted > nextSequence) {
            LOG.warnf("link journal cursor %d is beyond the journal's last record %d; nothing is waiting", wanted,
                    nextSequence - 1);
            wanted = nextSequence;
        }
        locate(Math.max(wanted, segments.firstKey()));
        cursorFile.save(cursor);
        deleteSentSegments();
        dropBeyondBounds(clock.instant(), 0);
        if (cursor < nextSequence) {
            LOG.infof("link journal %s: %d records (%d bytes) wait for the broker, the oldest appended %s", directory,
                    nextSequence - cursor, unsentBytes(), oldest);
        }
    }

    /**
     * The last segment is the one appended to: it may end in a frame a crash left half written, or be empty, or not
     * even have its header yet. Whatever follows its last whole record is cut off.
     */
    private void recoverLastSegment() throws IOException {
        long first = segments.lastKey();
        Path path = segmentPath(first);
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = file.size();
        if (!JournalFormat.hasHeader(file)) {
            file.close();
            segments.remove(first);
            if (size >= HEADER) {
                Path aside = path.resolveSibling(path.getFileName() + ".unreadable-" + clock.millis());
                LOG.errorf("link journal segment %s is not a journal segment; moved to %s", path, aside);
                Files.move(path, aside);
            } else {
                Files.delete(path);
            }
            nextSequence = first;
            createSegment(first);
            return;
        }
        long offset = HEADER;
        long sequence = first;
        for (JournalRecord record; (record = JournalFormat.read(file, first, offset, size, sequence)) != null;) {
            offset = record.next().offset();
            sequence++;
        }
        if (offset < size) {
            LOG.warnf("link journal segment %s ends in %d bytes that are not a whole record (an append the agent did"
                    + " not finish, e.g. at a crash): cut off after record %d", path, size - offset, sequence - 1);
            file.truncate(offset);
            file.force(true);
        }
        active = file;
        activeFirst = first;
        segments.put(first, offset);
        nextSequence = sequence;
    }

    /** Puts the cursor on record {@code wanted}, reading its segment up to it. */
    private void locate(long wanted) {
        long first = segments.floorKey(wanted);
        JournalRecord.Position at = new JournalRecord.Position(first, HEADER);
        long sequence = first;
        while (sequence < wanted) {
            JournalRecord record = readAt(at, sequence);
            if (record == null) {
                // Damage before the cursor: settleHead drops whatever of it lies at and after the cursor.
                break;
            }
            at = normalize(record.next());
            sequence++;
        }
        cursor = wanted;
        cursorAt = at;
        settleHead();
    }

    /**
     * Leaves the cursor on a readable record (or the journal's end) and notes when that record was appended. Records
     * at the cursor that cannot be read are dropped: the rest of their segment, as nothing in it can be trusted.
     */
    private void settleHead() {
        while (true) {
            cursorAt = normalize(cursorAt);
            if (cursor >= nextSequence) {
                cursorAt = new JournalRecord.Position(activeFirst, activeSize());
                oldest = null;
                return;
            }
            JournalRecord head = readAt(cursorAt, cursor);
            if (head != null) {
                oldest = head.appendedAt();
                return;
            }
            Long following = segments.higherKey(cursorAt.segment());
            long resume = following == null ? nextSequence : following;
            LOG.errorf("link journal segment %s is damaged at offset %d: records %d to %d cannot be read and are"
                    + " dropped", segmentPath(cursorAt.segment()), cursorAt.offset(), cursor, resume - 1);
            dropped += resume - cursor;
            drops.dropped("unknown", DAMAGED, resume - cursor);
            cursor = resume;
            cursorAt = following == null
                    ? new JournalRecord.Position(activeFirst, activeSize())
                    : new JournalRecord.Position(following, HEADER);
        }
    }

    /** The same place, moved to the start of the next segment when it is the end of a finished one. */
    private JournalRecord.Position normalize(JournalRecord.Position at) {
        JournalRecord.Position position = at;
        while (position.segment() != activeFirst && position.offset() >= segments.get(position.segment())) {
            position = new JournalRecord.Position(segments.higherKey(position.segment()), HEADER);
        }
        return position;
    }

    /**
     * Drops the oldest unsent records while they are older than the age bound, or while they and {@code adding} more
     * bytes are over the size bound.
     */
    private void dropBeyondBounds(Instant now, long adding) {
        Instant tooOld = now.minus(bounds.maxAge());
        Tally byAge = new Tally(MAX_AGE, bounds.maxAge().toString());
        while (oldest != null && oldest.isBefore(tooOld)) {
            byAge.add(dropHead());
        }
        Tally bySize = new Tally(MAX_BYTES, bounds.maxBytes() + " bytes");
        while (cursor < nextSequence && unsentBytes() + adding > bounds.maxBytes()) {
            bySize.add(dropHead());
        }
        if (byAge.total + bySize.total > 0) {
            cursorFile.save(cursor);
            deleteSentSegments();
            byAge.report();
            bySize.report();
        }
    }

    private JournalRecord dropHead() {
        JournalRecord head = readAt(cursorAt, cursor);
        cursor++;
        cursorAt = head.next();
        settleHead();
        return head;
    }

    private long unsentBytes() {
        long bytes = -cursorAt.offset();
        for (long size : segments.tailMap(cursorAt.segment(), true).values()) {
            bytes += size;
        }
        return bytes;
    }

    private long activeSize() {
        return segments.get(activeFirst);
    }

    private void roll() {
        try {
            active.close();
            createSegment(nextSequence);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot begin a new link journal segment in " + directory, e);
        }
        if (cursor == nextSequence) {
            cursorAt = new JournalRecord.Position(activeFirst, HEADER);
            deleteSentSegments();
        }
    }

    private void createSegment(long first) throws IOException {
        FileChannel file = FileChannel.open(segmentPath(first), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer header = JournalFormat.header();
        while (header.hasRemaining()) {
            file.write(header, header.position());
        }
        file.force(true);
        syncDirectory();
        active = file;
        activeFirst = first;
        segments.put(first, HEADER);
    }

    /** Makes a new segment's directory entry durable, so a crash cannot lose a whole segment of synced records. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot sync directory %s: %s", directory, e);
        }
    }

    private void deleteSentSegments() {
        for (long first : List.copyOf(segments.headMap(cursorAt.segment(), false).keySet())) {
            try {
                if (first == readerFirst) {
                    reader.close();
                    reader = null;
                    readerFirst = -1;
                }
                Files.deleteIfExists(segmentPath(first));
                segments.remove(first);
            } catch (IOException e) {
                LOG.warnf("cannot delete sent link journal segment %s: %s", segmentPath(first), e);
            }
        }
    }

    private JournalRecord readAt(JournalRecord.Position at, long sequence) {
        try {
            return JournalFormat.read(channel(at.segment()), at.segment(), at.offset(), segments.get(at.segment()),
                    sequence);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read link journal segment " + segmentPath(at.segment()), e);
        }
    }

    private FileChannel channel(long first) throws IOException {
        if (first == activeFirst) {
            return active;
        }
        if (first != readerFirst) {
            if (reader != null) {
                reader.close();
            }
            reader = null;
            reader = FileChannel.open(segmentPath(first), StandardOpenOption.READ);
            readerFirst = first;
        }
        return reader;
    }

    private Path segmentPath(long first) {
        return directory.resolve(JournalFormat.fileName(first));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the link journal in " + directory + " is closed");
        }
    }

    private static FileChannel lock(Path directory) throws IOException {
        FileChannel file = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = file.tryLock();
            if (lock == null) {
                throw new IllegalStateException("the link journal in " + directory + " is in use by another process");
            }
            return file;
        } catch (OverlappingFileLockException e) {
            file.close();
            throw new IllegalStateException("the link journal in " + directory + " is already open", e);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private void closeQuietly() {
        for (FileChannel file : new FileChannel[]{active, reader, lockFile}) {
            if (file == null) {
                continue;
            }
            try {
                if (file == active) {
                    file.force(true);
                }
                file.close();
            } catch (IOException e) {
                LOG.debugf("closing the link journal in %s: %s", directory, e);
            }
        }
    }

    /** Records dropped by one bound in one go, reported as one log line and counted per channel. */
    private final class Tally {

        private final String bound;
        private final String limit;
        private final Map<LinkChannel, Long> counts = new EnumMap<>(LinkChannel.class);
        private long total;
        private Instant first;
        private Instant last;

        Tally(String bound, String limit) {
            this.bound = bound;
            this.limit = limit;
        }

        void add(JournalRecord record) {
            counts.merge(record.channel(), 1L, Long::sum);
            total++;
            first = first == null ? record.appendedAt() : first;
            last = record.appendedAt();
        }

        void report() {
            if (total == 0) {
                return;
            }
            dropped += total;
            counts.forEach((channel, count) -> drops.dropped(channel.channel(), bound, count));
            LOG.warnf("link journal over its %s of %s: dropped the oldest %d unsent record(s) (%s), appended %s to %s;"
                    + " %d dropped since the agent started", bound, limit, total,
                    counts.entrySet().stream().map(e -> e.getKey().channel() + " " + e.getValue())
                            .collect(Collectors.joining(", ")),
                    first, last, dropped);
        }
    }
}
