package io.gridflex.siteagent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gridflex.siteagent.ShiftableClock;

class LinkJournalTest {

    /** Each test record is this long on disk: small segments hold a few of them. */
    private static final long FRAME = JournalFormat
            .frame(0, Instant.EPOCH, LinkChannel.SITE_TELEMETRY, "site-a", value(0)).remaining();
    private static final LinkJournal.Bounds ROOMY = new LinkJournal.Bounds(1 << 20, Duration.ofDays(7), 1 << 16);
    /** Three records per segment. */
    private static final LinkJournal.Bounds SMALL_SEGMENTS = new LinkJournal.Bounds(1 << 20, Duration.ofDays(7),
            JournalFormat.HEADER_BYTES + 3 * FRAME);

    @TempDir
    Path dir;

    private final ShiftableClock clock = new ShiftableClock();
    /** Records dropped, by "channel/bound". */
    private final Map<String, Long> drops = new ConcurrentHashMap<>();
    private final List<LinkJournal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(LinkJournal::close);
    }

    private LinkJournal open(LinkJournal.Bounds bounds) {
        LinkJournal journal = LinkJournal.open(dir, bounds,
                clock, (channel, bound, records) -> drops.merge(channel + "/" + bound, records, Long::sum));
        opened.add(journal);
        return journal;
    }

    /** A telemetry-like value of the same length for every i below 10 000. */
    private static String value(long i) {
        return String.format("{\"siteId\":\"site-a\",\"n\":%04d,\"averageKw\":24.125}", i);
    }

    private static void appendTelemetry(LinkJournal journal, long from, long to) {
        for (long i = from; i < to; i++) {
            journal.append(LinkChannel.SITE_TELEMETRY, "site-a", value(i));
        }
    }

    private static List<Long> sequences(List<JournalRecord> records) {
        return records.stream().map(JournalRecord::sequence).toList();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(JournalFormat.SUFFIX)).sorted().toList();
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsWithEverythingTheyWereGiven() throws IOException {
        LinkJournal journal = open(SMALL_SEGMENTS);
        Instant appended = clock.instant();

        for (int i = 0; i < 10; i++) {
            LinkChannel channel = i % 3 == 0 ? LinkChannel.SCHEDULE_ACKS : LinkChannel.SITE_TELEMETRY;
            assertThat(journal.append(channel, "site-" + i, value(i))).isEqualTo(i);
        }

        assertThat(segmentFiles()).hasSize(4);
        List<JournalRecord> all = journal.unsent(100);
        assertThat(sequences(all)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        for (JournalRecord record : all) {
            int i = (int) record.sequence();
            assertThat(record.channel())
                    .isEqualTo(i % 3 == 0 ? LinkChannel.SCHEDULE_ACKS : LinkChannel.SITE_TELEMETRY);
            assertThat(record.key()).isEqualTo("site-" + i);
            assertThat(record.value()).isEqualTo(value(i));
            assertThat(record.appendedAt()).isBetween(appended.minusMillis(1), clock.instant());
        }
        assertThat(sequences(journal.unsent(4))).containsExactly(0L, 1L, 2L, 3L);
        assertThat(journal.backlog().records()).isEqualTo(10);
        long frames = all.stream().mapToLong(r -> JournalFormat
                .frame(r.sequence(), r.appendedAt(), r.channel(), r.key(), r.value()).remaining()).sum();
        // The cursor is at the first segment's first record: its header is behind it, the other three are not.
        assertThat(journal.backlog().bytes()).isEqualTo(frames + 3 * JournalFormat.HEADER_BYTES);
    }

    @Test
    void theCursorSurvivesAReopenAndSequencesCarryOn() {
        LinkJournal journal = open(SMALL_SEGMENTS);
        appendTelemetry(journal, 0, 8);
        journal.acknowledged(journal.unsent(5).getLast());
        journal.close();

        LinkJournal reopened = open(SMALL_SEGMENTS);

        assertThat(sequences(reopened.unsent(100))).containsExactly(5L, 6L, 7L);
        assertThat(reopened.backlog().records()).isEqualTo(3);
        assertThat(reopened.append(LinkChannel.SCHEDULE_ACKS, "site-a", value(8))).isEqualTo(8);
        assertThat(reopened.unsent(100).getLast().value()).isEqualTo(value(8));
    }

    @Test
    void aFullyAcknowledgedJournalReopensEmptyAndKeepsNumbering() throws IOException {
        LinkJournal journal = open(SMALL_SEGMENTS);
        appendTelemetry(journal, 0, 7);
        journal.acknowledged(journal.unsent(100).getLast());
        journal.close();

        LinkJournal reopened = open(SMALL_SEGMENTS);

        assertThat(reopened.unsent(100)).isEmpty();
        assertThat(reopened.backlog()).isEqualTo(new LinkJournal.Backlog(0, 0, null, 0));
        assertThat(reopened.append(LinkChannel.SITE_TELEMETRY, "site-a", value(7))).isEqualTo(7);
        assertThat(segmentFiles()).hasSize(1);
    }

    @Test
    void segmentsWhollyBeforeTheCursorAreDeleted() throws IOException {
        LinkJournal journal = open(SMALL_SEGMENTS);
        appendTelemetry(journal, 0, 10);
        assertThat(segmentFiles()).extracting(f -> f.getFileName().toString()).containsExactly(
                JournalFormat.fileName(0), JournalFormat.fileName(3), JournalFormat.fileName(6),
                JournalFormat.fileName(9));

        journal.acknowledged(journal.unsent(4).getLast());

        // Records 0-2 are gone with their segment; 3 was sent, but 4 and 5 share its segment, which stays.
        assertThat(segmentFiles()).extracting(f -> f.getFileName().toString()).containsExactly(
                JournalFormat.fileName(3), JournalFormat.fileName(6), JournalFormat.fileName(9));
        assertThat(journal.backlog().bytes()).isEqualTo(6 * FRAME + 2 * JournalFormat.HEADER_BYTES);

        journal.acknowledged(journal.unsent(100).getLast());

        assertThat(segmentFiles()).extracting(f -> f.getFileName().toString())
                .containsExactly(JournalFormat.fileName(9));
        assertThat(journal.backlog().bytes()).isZero();
    }

    @Test
    void aTornTailIsCutOffAndAppendingCarriesOnAfterTheLastWholeRecord() throws IOException {
        LinkJournal journal = open(ROOMY);
        appendTelemetry(journal, 0, 5);
        journal.close();
        Path segment = segmentFiles().getLast();
        long whole = Files.size(segment);
        // A crash in the middle of the sixth append: its frame only partly written.
        byte[] sixth = JournalFormat.frame(5, clock.instant(), LinkChannel.SITE_TELEMETRY, "site-a", value(5))
                .array();
        Files.write(segment, java.util.Arrays.copyOf(sixth, sixth.length / 2), StandardOpenOption.APPEND);

        LinkJournal reopened = open(ROOMY);

        assertThat(Files.size(segment)).isEqualTo(whole);
        assertThat(sequences(reopened.unsent(100))).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(reopened.append(LinkChannel.SITE_TELEMETRY, "site-a", value(5))).isEqualTo(5);
        assertThat(reopened.unsent(100)).extracting(JournalRecord::value)
                .containsExactlyElementsOf(LongStream.range(0, 6).mapToObj(LinkJournalTest::value).toList());
        assertThat(drops).isEmpty();
    }

    @Test
    void aLastRecordWithAWrongChecksumIsCutOff() throws IOException {
        LinkJournal journal = open(ROOMY);
        appendTelemetry(journal, 0, 3);
        journal.close();
        Path segment = segmentFiles().getLast();
        flipByte(segment, Files.size(segment) - 3);

        LinkJournal reopened = open(ROOMY);

        assertThat(sequences(reopened.unsent(100))).containsExactly(0L, 1L);
        assertThat(Files.size(segment)).isEqualTo(JournalFormat.HEADER_BYTES + 2 * FRAME);
    }

    @Test
    void aSegmentCutShortBeforeItsHeaderIsBegunAgain() throws IOException {
        LinkJournal journal = open(SMALL_SEGMENTS);
        appendTelemetry(journal, 0, 3);
        journal.close();
        // A crash right after the next segment's file was created, before its header was written.
        Files.write(dir.resolve(JournalFormat.fileName(3)), new byte[]{0x47, 0x46});

        LinkJournal reopened = open(SMALL_SEGMENTS);

        assertThat(reopened.append(LinkChannel.SITE_TELEMETRY, "site-a", value(3))).isEqualTo(3);
        assertThat(sequences(reopened.unsent(100))).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void damageInAFinishedSegmentDropsWhatCannotBeReadAndCountsIt() throws IOException {
        LinkJournal journal = open(SMALL_SEGMENTS);
        appendTelemetry(journal, 0, 9);
        // The second record of the segment holding 3-5 is damaged: 4 and 5 cannot be trusted.
        flipByte(dir.resolve(JournalFormat.fileName(3)), JournalFormat.HEADER_BYTES + FRAME + 20);

        assertThat(sequences(journal.unsent(100))).containsExactly(0L, 1L, 2L, 3L);
        journal.acknowledged(journal.unsent(100).getLast());

        assertThat(sequences(journal.unsent(100))).containsExactly(6L, 7L, 8L);
        assertThat(drops).isEqualTo(Map.of("unknown/damaged", 2L));
        assertThat(journal.backlog().dropped()).isEqualTo(2);
    }

    @Test
    void overTheSizeBoundTheOldestUnsentRecordsAreDroppedAndCounted() {
        LinkJournal.Bounds fiveRecords = new LinkJournal.Bounds(JournalFormat.HEADER_BYTES + 5 * FRAME,
                Duration.ofDays(7), JournalFormat.HEADER_BYTES + 3 * FRAME);
        LinkJournal journal = open(fiveRecords);
        journal.append(LinkChannel.SCHEDULE_ACKS, "site-a", value(0));
        appendTelemetry(journal, 1, 5);
        assertThat(drops).isEmpty();

        appendTelemetry(journal, 5, 8);

        assertThat(sequences(journal.unsent(100))).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(drops).isEqualTo(Map.of("schedule-acks/max-bytes", 1L, "site-telemetry/max-bytes", 2L));
        assertThat(journal.backlog().dropped()).isEqualTo(3);
        assertThat(journal.backlog().bytes()).isLessThanOrEqualTo(fiveRecords.maxBytes());
    }

    @Test
    void overTheAgeBoundTheOldestUnsentRecordsAreDroppedAndCounted() {
        LinkJournal journal = open(new LinkJournal.Bounds(1 << 20, Duration.ofDays(2), 1 << 16));
        Instant start = clock.instant();
        appendTelemetry(journal, 0, 3);
        clock.jumpTo(start.plus(Duration.ofDays(1)));
        appendTelemetry(journal, 3, 5);
        assertThat(journal.backlog().oldestAppendedAt()).isBefore(start.plusSeconds(1));

        clock.jumpTo(start.plus(Duration.ofDays(2)).plusSeconds(1));
        journal.dropExpired();

        assertThat(sequences(journal.unsent(100))).containsExactly(3L, 4L);
        assertThat(drops).isEqualTo(Map.of("site-telemetry/max-age", 3L));
        assertThat(journal.backlog().oldestAppendedAt()).isAfter(start.plus(Duration.ofDays(1)).minusSeconds(1));

        clock.jumpTo(start.plus(Duration.ofDays(3)).plusSeconds(1));
        journal.append(LinkChannel.SCHEDULE_ACKS, "site-a", value(5));

        assertThat(sequences(journal.unsent(100))).containsExactly(5L);
        assertThat(drops).isEqualTo(Map.of("site-telemetry/max-age", 5L));
        assertThat(journal.backlog().dropped()).isEqualTo(5);
    }

    @Test
    void droppedRecordsStayDroppedAfterAReopen() {
        LinkJournal.Bounds twoRecords = new LinkJournal.Bounds(JournalFormat.HEADER_BYTES + 2 * FRAME,
                Duration.ofDays(7), 1 << 16);
        LinkJournal journal = open(twoRecords);
        appendTelemetry(journal, 0, 4);
        journal.close();

        assertThat(sequences(open(twoRecords).unsent(100))).containsExactly(2L, 3L);
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefused() {
        open(ROOMY);

        assertThatThrownBy(() -> open(ROOMY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
    }

    @Test
    void anAcknowledgementTheCursorAlreadyPassedChangesNothing() {
        LinkJournal journal = open(ROOMY);
        appendTelemetry(journal, 0, 4);
        List<JournalRecord> batch = journal.unsent(100);
        journal.acknowledged(batch.get(2));

        journal.acknowledged(batch.get(0));

        assertThat(sequences(journal.unsent(100))).containsExactly(3L);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, offset);
        }
    }
}
