package io.gridflex.siteagent.meter;

/** How a figure is encoded in registers. */
public enum DataType {

    FLOAT32(2),
    INT32(2),
    UINT32(2),
    INT16(1),
    UINT16(1);

    private final int words;

    DataType(int words) {
        this.words = words;
    }

    /** How many 16-bit registers it spans. */
    public int words() {
        return words;
    }
}
