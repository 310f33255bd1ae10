package io.gridflex.siteagent.meter;

/**
 * The order of the 16-bit words of a 32-bit value. Bytes within a word are always big-endian (Modbus); meters differ
 * on the words.
 */
public enum WordOrder {
    /** High word at the lower address ("ABCD"). */
    BIG_ENDIAN,
    /** Low word at the lower address ("CDAB", word-swapped). */
    SWAPPED
}
