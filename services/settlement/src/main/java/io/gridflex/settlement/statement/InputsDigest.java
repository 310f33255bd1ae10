package io.gridflex.settlement.statement;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.gridflex.settlement.attribution.Episode;
import io.gridflex.settlement.schedule.Contribution;
import io.gridflex.settlement.schedule.Piece;

/**
 * SHA-256 of a line's inputs in a fixed text form: terms (program and version), event, site, owner share, every piece
 * of every episode with its contributions, the excluded days, the settlement intervals with telemetry left out for low
 * coverage and every settlement interval of the load. Decimals are
 * written without trailing zeros, so 1.50 and 1.5 hash alike; settlement intervals are fed as (start, unscaled value,
 * scale) numbers. Two computations with the same digest had the same
 * inputs; a digest that changed says which line's inputs moved.
 */
final class InputsDigest {

    private InputsDigest() {
    }

    static String of(LineInputs inputs) {
        MessageDigest digest = Hashes.sha256();
        StringBuilder text = new StringBuilder(256);
        text.append("terms ").append(inputs.terms().program()).append(" v").append(inputs.terms().version())
                .append("\nevent ").append(inputs.eventId()).append("\nsite ").append(inputs.siteId())
                .append("\nowner-share ").append(plain(inputs.ownerShare())).append('\n');
        for (Episode episode : inputs.episodes()) {
            text.append("episode ").append(episode.startKnown()).append('\n');
            for (Piece piece : episode.pieces()) {
                text.append("piece ").append(piece.start()).append(' ').append(piece.end()).append(" r")
                        .append(piece.revision()).append(' ').append(plain(piece.segment().shedKw())).append('\n');
                for (Contribution contribution : piece.segment().contributions()) {
                    text.append("  ").append(contribution.eventId()).append(' ').append(contribution.kind())
                            .append(' ').append(plain(contribution.kw())).append('\n');
                }
            }
        }
        inputs.excludedDays().forEach(day -> text.append("excluded ").append(day).append('\n'));
        inputs.lowCoverage().forEach(start -> text.append("low-coverage ").append(start).append('\n'));
        text.append("step ").append(inputs.load().step()).append('\n');
        digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
        // Thousands of intervals per line: fed as numbers, not as text.
        ByteBuffer entry = ByteBuffer.allocate(64);
        inputs.load().kw().forEach((start, kw) -> {
            BigDecimal value = kw.stripTrailingZeros();
            byte[] unscaled = value.unscaledValue().toByteArray();
            entry.clear();
            entry.putLong(start.getEpochSecond()).putInt(start.getNano()).putInt(value.scale())
                    .putInt(unscaled.length);
            digest.update(entry.array(), 0, entry.position());
            digest.update(unscaled);
        });
        return Hashes.hex(digest.digest());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }
}
