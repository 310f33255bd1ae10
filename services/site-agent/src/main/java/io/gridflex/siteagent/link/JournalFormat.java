package io.gridflex.siteagent.link;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * How the link journal lies on disk. A segment file, named after the sequence of its first record
 * ({@code 00000000000000000042.journal}), starts with a header (the magic {@code GFLJ}, the format version) and holds
 * one frame per record, all big-endian:
 *
 * <pre>
 * int   length of the body
 * int   CRC32C of the body
 * body: long  sequence
 *       long  appended at, epoch milliseconds
 *       short length of the channel name, then the name (UTF-8)
 *       int   length of the key, then the key (UTF-8)
 *       the value (UTF-8), the rest of the body
 * </pre>
 *
 * A frame whose length, checksum or sequence is wrong is not a record: the end of what a crash left half written,
 * or damage.
 */
final class JournalFormat {

    static final String SUFFIX = ".journal";
    static final int HEADER_BYTES = 8;
    static final int FRAME_OVERHEAD = 8;
    /** Far above any message the agent sends; a longer frame is damage, not a record. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final int MAGIC = 0x47464C4A;
    private static final int VERSION = 1;
    private static final int FIXED_BODY_BYTES = 8 + 8 + 2 + 4;

    private JournalFormat() {
    }

    static String fileName(long firstSequence) {
        return String.format(Locale.ROOT, "%020d%s", firstSequence, SUFFIX);
    }

    /** The first sequence of a segment named {@code name}, or -1 when it is not a segment's name. */
    static long firstSequence(String name) {
        if (!name.endsWith(SUFFIX)) {
            return -1;
        }
        String digits = name.substring(0, name.length() - SUFFIX.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static boolean hasHeader(FileChannel file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        return readFully(file, header, 0) && header.getInt(0) == MAGIC && header.getInt(4) == VERSION;
    }

    static ByteBuffer frame(long sequence, Instant appendedAt, LinkChannel channel, String key, String value) {
        byte[] channelName = channel.channel().getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        int length = FIXED_BODY_BYTES + channelName.length + keyBytes.length + valueBytes.length;
        if (length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a record of " + length + " bytes is over the journal's limit of "
                    + MAX_BODY_BYTES);
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD + length);
        frame.position(FRAME_OVERHEAD);
        frame.putLong(sequence).putLong(appendedAt.toEpochMilli());
        frame.putShort((short) channelName.length).put(channelName);
        frame.putInt(keyBytes.length).put(keyBytes);
        frame.put(valueBytes);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), FRAME_OVERHEAD, length);
        frame.putInt(0, length).putInt(4, (int) crc.getValue());
        return frame.flip();
    }

    /**
     * The record whose frame starts at {@code offset} of a segment, or null when there is none there: the segment's
     * readable bytes (up to {@code limit}) end, or the frame is torn, damaged or not the record {@code sequence}.
     */
    static JournalRecord read(FileChannel file, long segment, long offset, long limit, long sequence)
            throws IOException {
        if (offset + FRAME_OVERHEAD > limit) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(FRAME_OVERHEAD);
        if (!readFully(file, head, offset)) {
            return null;
        }
        int length = head.getInt(0);
        if (length < FIXED_BODY_BYTES || length > MAX_BODY_BYTES || offset + FRAME_OVERHEAD + length > limit) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        if (!readFully(file, body, offset + FRAME_OVERHEAD)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(body.array(), 0, length);
        if ((int) crc.getValue() != head.getInt(4)) {
            return null;
        }
        body.flip();
        try {
            if (body.getLong() != sequence) {
                return null;
            }
            Instant appendedAt = Instant.ofEpochMilli(body.getLong());
            LinkChannel channel = LinkChannel.named(string(body, body.getShort())).orElse(null);
            String key = string(body, body.getInt());
            String value = string(body, body.remaining());
            if (channel == null) {
                return null;
            }
            return new JournalRecord(sequence, channel, key, value, appendedAt,
                    new JournalRecord.Position(segment, offset + FRAME_OVERHEAD + length));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String string(ByteBuffer body, int length) {
        if (length < 0 || length > body.remaining()) {
            throw new IllegalArgumentException("length " + length + " beyond the frame");
        }
        String text = new String(body.array(), body.position(), length, StandardCharsets.UTF_8);
        body.position(body.position() + length);
        return text;
    }

    /** Reads until {@code buffer} is full; false when the file ends first. */
    private static boolean readFully(FileChannel file, ByteBuffer buffer, long offset) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = file.read(buffer, at);
            if (read < 0) {
                return false;
            }
            at += read;
        }
        return true;
    }
}
