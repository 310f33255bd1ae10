package io.gridflex.settlement.method;

import java.util.Objects;

/**
 * How many like days a baseline looks for and which of them it averages.
 *
 * @param size how many eligible like days are gathered (the "of 10" of "5 highest of 10")
 * @param selection which of them are kept
 * @param keep how many are kept: at most {@code size}; {@code size − 2} for {@link Selection#MIDDLE}, {@code size}
 *        for {@link Selection#ALL}
 */
public record LikeDayPool(int size, Selection selection, int keep) {

    public LikeDayPool {
        Objects.requireNonNull(selection, "selection");
        if (size < 1 || keep < 1 || keep > size) {
            throw new IllegalArgumentException("a pool keeps 1.." + size + " of its days, not " + keep);
        }
        if (selection == Selection.MIDDLE && keep != size - 2) {
            throw new IllegalArgumentException("the middle of " + size + " days is " + (size - 2) + " days");
        }
        if (selection == Selection.ALL && keep != size) {
            throw new IllegalArgumentException("keeping all of " + size + " days keeps " + size);
        }
    }

    public static LikeDayPool highest(int keep, int size) {
        return new LikeDayPool(size, Selection.HIGHEST, keep);
    }

    public static LikeDayPool middle(int size) {
        return new LikeDayPool(size, Selection.MIDDLE, size - 2);
    }

    public static LikeDayPool all(int size) {
        return new LikeDayPool(size, Selection.ALL, size);
    }

    @Override
    public String toString() {
        return switch (selection) {
            case HIGHEST -> "highest " + keep + " of " + size;
            case MIDDLE -> "middle " + keep + " of " + size;
            case ALL -> size + " of " + size;
        };
    }

    public enum Selection {
        /** The days with the highest usage over the event hours. */
        HIGHEST,
        /** All but the highest and the lowest. */
        MIDDLE,
        /** Every day gathered. */
        ALL
    }
}
