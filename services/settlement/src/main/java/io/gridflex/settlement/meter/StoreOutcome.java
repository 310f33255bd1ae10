package io.gridflex.settlement.meter;

/**
 * What happened to an interval offered for storage.
 *
 * @param kind stored, a duplicate, or refused as overlapping
 * @param existing for a duplicate or conflict, the stored interval it met; null when stored
 */
public record StoreOutcome(Kind kind, MeterInterval existing) {

    public enum Kind {
        STORED, DUPLICATE, CONFLICT
    }

    static StoreOutcome stored() {
        return new StoreOutcome(Kind.STORED, null);
    }
}
