package io.gridflex.siteagent.meter;

/** Turns register words into numbers. Pure. */
public final class RegisterDecoder {

    private RegisterDecoder() {
    }

    /**
     * Decodes the value in {@code registers} (2 bytes per register, each big-endian as Modbus sends them).
     *
     * @throws IllegalArgumentException when there are fewer bytes than the type needs, or a float is not finite
     */
    public static double decode(byte[] registers, DataType type, WordOrder order) {
        int needed = type.words() * 2;
        if (registers.length < needed) {
            throw new IllegalArgumentException(type + " needs " + needed + " bytes, got " + registers.length);
        }
        int first = word(registers, 0);
        if (type.words() == 1) {
            return type == DataType.INT16 ? (short) first : first;
        }
        int second = word(registers, 1);
        int bits = order == WordOrder.BIG_ENDIAN ? (first << 16) | second : (second << 16) | first;
        return switch (type) {
            case FLOAT32 -> {
                float value = Float.intBitsToFloat(bits);
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException("register value is not a finite float: " + value);
                }
                yield value;
            }
            case INT32 -> bits;
            case UINT32 -> Integer.toUnsignedLong(bits);
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    private static int word(byte[] bytes, int index) {
        return ((bytes[2 * index] & 0xFF) << 8) | (bytes[2 * index + 1] & 0xFF);
    }
}
