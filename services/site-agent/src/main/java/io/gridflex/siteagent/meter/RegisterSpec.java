package io.gridflex.siteagent.meter;

/**
 * Where one figure of the meter is and how to decode it.
 *
 * @param name the figure's name, for messages
 * @param address the first register's zero-based address
 * @param type holding or input registers
 * @param dataType the encoding
 * @param wordOrder the order of a 32-bit value's words
 * @param scale multiplies the decoded value
 */
public record RegisterSpec(String name, int address, RegisterType type, DataType dataType, WordOrder wordOrder,
        double scale) {

    public RegisterSpec {
        if (address < 0 || address + dataType.words() > 65536) {
            throw new IllegalArgumentException("meter register " + name + ": address " + address
                    + " is outside 0-65535");
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("meter register " + name + ": scale must be a non-zero number");
        }
    }

    static RegisterSpec of(String name, MeterConfig.Register register) {
        return new RegisterSpec(name, register.address(), register.type().orElse(RegisterType.HOLDING),
                register.dataType().orElse(DataType.FLOAT32), register.wordOrder().orElse(WordOrder.BIG_ENDIAN),
                register.scale().orElse(1));
    }

    /** The figure from the registers' bytes as the meter sent them (two bytes per register, big-endian). */
    public double decode(byte[] registers) {
        return RegisterDecoder.decode(registers, dataType, wordOrder) * scale;
    }
}
