package io.gridflex.minersim.meter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how the site meter publishes its quantities. Every quantity takes two consecutive 16-bit registers
 * starting at its address (0-based protocol addresses); an address of -1 leaves it out. Power is always an IEEE-754
 * 32-bit float in kW. Energy is either a float in kWh or an unsigned 32-bit integer counting {@code 1/energyScale}
 * kWh (scale 1000 counts Wh), per {@link #energyFormat()}.
 *
 * @param kind holding (function 3) or input (function 4) registers; the other kind is not served
 * @param wordOrder which 16-bit half of each 32-bit value comes first
 * @param energyFormat how cumulative energy is encoded
 * @param energyScale integer energy registers count kWh times this
 * @param unitId the Modbus unit (slave) id the meter answers
 */
public record RegisterMap(RegisterKind kind, WordOrder wordOrder, EnergyFormat energyFormat, int energyScale,
        int unitId, int siteKw, int miningKw, int dataCentreKw, int siteKwh, int miningKwh, int dataCentreKwh) {

    /** Function code 3 or 4. */
    public enum RegisterKind {
        HOLDING, INPUT
    }

    /** Order of the two 16-bit words of a 32-bit value (bytes within a word are always big-endian). */
    public enum WordOrder {
        /** High word first ("ABCD"). */
        BIG_ENDIAN,
        /** Low word first ("CDAB"), as many meters send floats. */
        SWAPPED
    }

    public enum EnergyFormat {
        /** IEEE-754 float, kWh. */
        FLOAT32,
        /** Unsigned 32-bit integer, kWh times {@code energyScale}, wrapping at 2^32. */
        UINT32
    }

    public RegisterMap {
        if (energyScale < 1) {
            throw new IllegalArgumentException("energy scale must be at least 1");
        }
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("not a Modbus unit id: " + unitId);
        }
        Map<String, Integer> all = new LinkedHashMap<>();
        all.put("site-kw", siteKw);
        all.put("mining-kw", miningKw);
        all.put("data-centre-kw", dataCentreKw);
        all.put("site-kwh", siteKwh);
        all.put("mining-kwh", miningKwh);
        all.put("data-centre-kwh", dataCentreKwh);
        all.forEach((name, address) -> {
            if (address < -1 || address > 65534) {
                throw new IllegalArgumentException(name + " register address out of range: " + address);
            }
        });
        all.forEach((a, x) -> all.forEach((b, y) -> {
            if (!a.equals(b) && x >= 0 && y >= 0 && Math.abs(x - y) < 2) {
                throw new IllegalArgumentException(a + " at " + x + " overlaps " + b + " at " + y);
            }
        }));
    }

    /**
     * The default map: holding registers, big-endian words, unit 1; site kW at 0, mining kW at 2, data-centre kW at
     * 4, site kWh at 6, mining kWh at 8, data-centre kWh at 10, energies as floats.
     */
    public static RegisterMap defaults() {
        return new RegisterMap(RegisterKind.HOLDING, WordOrder.BIG_ENDIAN, EnergyFormat.FLOAT32, 1000, 1, 0, 2, 4, 6,
                8, 10);
    }

    public RegisterMap withWordOrder(WordOrder order) {
        return new RegisterMap(kind, order, energyFormat, energyScale, unitId, siteKw, miningKw, dataCentreKw,
                siteKwh, miningKwh, dataCentreKwh);
    }

    public RegisterMap withKind(RegisterKind newKind) {
        return new RegisterMap(newKind, wordOrder, energyFormat, energyScale, unitId, siteKw, miningKw, dataCentreKw,
                siteKwh, miningKwh, dataCentreKwh);
    }

    public RegisterMap withEnergy(EnergyFormat format, int scale) {
        return new RegisterMap(kind, wordOrder, format, scale, unitId, siteKw, miningKw, dataCentreKw, siteKwh,
                miningKwh, dataCentreKwh);
    }

    /** Registers served: up to the end of the highest quantity. */
    int size() {
        int max = Math.max(Math.max(siteKw, miningKw), Math.max(dataCentreKw,
                Math.max(siteKwh, Math.max(miningKwh, dataCentreKwh))));
        return max + 2;
    }

    /** All registers for one reading; unused ones are zero. */
    int[] encode(MeterReading reading) {
        int[] words = new int[size()];
        putFloat(words, siteKw, reading.siteKw());
        putFloat(words, miningKw, reading.miningKw());
        putFloat(words, dataCentreKw, reading.dataCentreKw());
        putEnergy(words, siteKwh, reading.siteKwh());
        putEnergy(words, miningKwh, reading.miningKwh());
        putEnergy(words, dataCentreKwh, reading.dataCentreKwh());
        return words;
    }

    private void putFloat(int[] words, int address, double value) {
        if (address >= 0) {
            put32(words, address, Float.floatToIntBits((float) value));
        }
    }

    private void putEnergy(int[] words, int address, double kwh) {
        if (address < 0) {
            return;
        }
        if (energyFormat == EnergyFormat.FLOAT32) {
            putFloat(words, address, kwh);
        } else {
            put32(words, address, (int) (Math.round(kwh * energyScale) & 0xFFFFFFFFL));
        }
    }

    private void put32(int[] words, int address, int bits) {
        int high = (bits >>> 16) & 0xFFFF;
        int low = bits & 0xFFFF;
        words[address] = wordOrder == WordOrder.BIG_ENDIAN ? high : low;
        words[address + 1] = wordOrder == WordOrder.BIG_ENDIAN ? low : high;
    }
}
