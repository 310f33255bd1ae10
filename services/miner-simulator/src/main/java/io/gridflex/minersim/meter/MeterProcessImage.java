package io.gridflex.minersim.meter;

import java.util.function.Supplier;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/**
 * The meter's registers as j2mod sees them. Each read takes one fresh reading and encodes every register from it, so
 * the two halves of a 32-bit value (and all values read together) always come from the same instant. Writes to
 * holding registers land on copies and change nothing: a meter's measurements are read-only.
 */
final class MeterProcessImage implements ProcessImage {

    private final RegisterMap map;
    private final Supplier<MeterReading> reader;

    MeterProcessImage(RegisterMap map, Supplier<MeterReading> reader) {
        this.map = map;
        this.reader = reader;
    }

    private int[] snapshot(int offset, int count, RegisterMap.RegisterKind kind) {
        if (map.kind() != kind || offset < 0 || count < 1 || offset + count > map.size()) {
            throw new IllegalAddressException();
        }
        int[] all = map.encode(reader.get());
        int[] range = new int[count];
        System.arraycopy(all, offset, range, 0, count);
        return range;
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        int[] words = snapshot(offset, count, RegisterMap.RegisterKind.HOLDING);
        Register[] registers = new Register[count];
        for (int i = 0; i < count; i++) {
            registers[i] = new SimpleRegister(words[i]);
        }
        return registers;
    }

    @Override
    public Register getRegister(int ref) {
        return getRegisterRange(ref, 1)[0];
    }

    @Override
    public int getRegisterCount() {
        return map.kind() == RegisterMap.RegisterKind.HOLDING ? map.size() : 0;
    }

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        int[] words = snapshot(offset, count, RegisterMap.RegisterKind.INPUT);
        InputRegister[] registers = new InputRegister[count];
        for (int i = 0; i < count; i++) {
            registers[i] = new SimpleInputRegister(words[i]);
        }
        return registers;
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        return getInputRegisterRange(ref, 1)[0];
    }

    @Override
    public int getInputRegisterCount() {
        return map.kind() == RegisterMap.RegisterKind.INPUT ? map.size() : 0;
    }

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        throw new IllegalAddressException();
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public int getDigitalOutCount() {
        return 0;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        throw new IllegalAddressException();
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public int getDigitalInCount() {
        return 0;
    }

    @Override
    public File getFile(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException();
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }
}
