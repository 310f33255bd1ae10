package io.gridflex.settlement.ui;

import java.time.ZoneId;
import java.util.Map;

/**
 * The time zone each program's times are shown in (its newest terms'); UTC for a program without terms. Pages write
 * times with {@code {fmt:time(at, zones.of(program))}}: the local time, and UTC when hovered.
 */
public record Zones(Map<String, ZoneId> byProgram) {

    /** Where a program without terms is shown: UTC, written as such. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    public ZoneId of(String program) {
        return byProgram.getOrDefault(program, UTC);
    }
}
