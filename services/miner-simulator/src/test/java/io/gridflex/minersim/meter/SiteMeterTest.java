package io.gridflex.minersim.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;

import io.gridflex.minersim.fleet.SimulatedFleet;
import io.gridflex.minersim.power.MinerModel;
import io.gridflex.minersim.power.MutableClock;

/** The site meter read over Modbus TCP by j2mod's master, compared with the exact truth. */
class SiteMeterTest {

    private static final DataCentreProfile DC = new DataCentreProfile(400.0, 600.0, Duration.ofMinutes(5),
            Duration.ofMinutes(20), 42L);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-07T12:00:00Z"));
    private SimulatedFleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = SimulatedFleet.builder("metered").model(MinerModel.S21).count(4).noise(0.01).clock(clock)
                .sleepRamp(Duration.ofSeconds(2)).start();
    }

    @AfterEach
    void stopFleet() {
        fleet.close();
    }

    @Test
    void bigEndianHoldingRegistersCarryTheExactFiguresAsFloats() throws Exception {
        try (SiteMeter meter = SiteMeter.forFleet(fleet, DC, RegisterMap.defaults(), "127.0.0.1", 0)) {
            clock.advance(Duration.ofMinutes(7));
            fleet.miner(0).sleep();
            clock.advance(Duration.ofSeconds(40));

            float[] values = readFloats(meter, 0, 6, false, RegisterMap.WordOrder.BIG_ENDIAN);
            MeterReading truth = meter.read();
            assertThat(values[0]).isEqualTo((float) truth.siteKw());
            assertThat(values[1]).isEqualTo((float) truth.miningKw());
            assertThat(values[2]).isEqualTo((float) truth.dataCentreKw());
            assertThat(values[3]).isEqualTo((float) truth.siteKwh());
            assertThat(values[4]).isEqualTo((float) truth.miningKwh());
            assertThat(values[5]).isEqualTo((float) truth.dataCentreKwh());
            assertThat(truth.miningKw()).isCloseTo(fleet.powerW() / 1000.0, within(1e-12));
            assertThat(truth.miningKwh()).isCloseTo(fleet.energyWh() / 1000.0, within(1e-12));
            assertThat(truth.siteKw()).isCloseTo(truth.miningKw() + truth.dataCentreKw(), within(1e-9));
        }
    }

    @Test
    void swappedWordInputRegistersAndIntegerEnergyAreDecodedAsConfigured() throws Exception {
        RegisterMap map = RegisterMap.defaults().withKind(RegisterMap.RegisterKind.INPUT)
                .withWordOrder(RegisterMap.WordOrder.SWAPPED).withEnergy(RegisterMap.EnergyFormat.UINT32, 1000);
        try (SiteMeter meter = SiteMeter.forFleet(fleet, DC, map, "127.0.0.1", 0)) {
            clock.advance(Duration.ofMinutes(33));

            float[] power = readFloats(meter, 0, 3, true, RegisterMap.WordOrder.SWAPPED);
            MeterReading truth = meter.read();
            assertThat(power[0]).isEqualTo((float) truth.siteKw());
            assertThat(power[2]).isEqualTo((float) truth.dataCentreKw());

            ModbusTCPMaster master = connect(meter);
            try {
                InputRegister[] words = master.readInputRegisters(1, 6, 2);
                long wh = ((long) words[1].getValue() << 16) | words[0].getValue();
                assertThat(wh).isEqualTo(Math.round(truth.siteKwh() * 1000));
                assertThat(wh).isPositive();
                assertThatThrownBy(() -> master.readMultipleRegisters(1, 0, 2))
                        .as("holding registers are not served when the map says input")
                        .isInstanceOf(ModbusException.class);
            } finally {
                master.disconnect();
            }
        }
    }

    @Test
    void theDataCentreProfileIsABaseWithOneSeededSpikePerPeriodAndExactEnergy() {
        Duration period = DC.spikePeriod();
        int spikes = 0;
        double integral = 0;
        long stepSeconds = 1;
        for (long s = 0; s < 3 * period.toSeconds(); s += stepSeconds) {
            double kw = DC.powerKw(Duration.ofSeconds(s));
            assertThat(kw).isBetween(400.0, 1000.0);
            if (kw > 400.0 && DC.powerKw(Duration.ofSeconds(s - 1)) == 400.0) {
                spikes++;
            }
            integral += kw * stepSeconds / 3600.0;
        }
        assertThat(spikes).isEqualTo(3);
        // Whole seconds line up with the spike edges to within a second each: two seconds of 600 kW per spike.
        assertThat(DC.energyKwh(Duration.ofSeconds(3 * period.toSeconds()))).isCloseTo(integral,
                within(3 * 2 * 600.0 / 3600.0));
        double base = 400.0 * 3 * period.toSeconds() / 3600.0;
        double spikeEnergy = DC.energyKwh(Duration.ofSeconds(3 * period.toSeconds())) - base;
        assertThat(spikeEnergy).isBetween(3 * 0.8 * 600.0 * 5 / 60.0, 3 * 600.0 * 5 / 60.0);
        DataCentreProfile same = new DataCentreProfile(400.0, 600.0, Duration.ofMinutes(5), Duration.ofMinutes(20),
                42L);
        DataCentreProfile other = new DataCentreProfile(400.0, 600.0, Duration.ofMinutes(5), Duration.ofMinutes(20),
                43L);
        assertThat(same.offsetNanos(1)).isEqualTo(DC.offsetNanos(1));
        assertThat(other.offsetNanos(1)).isNotEqualTo(DC.offsetNanos(1));
    }

    @Test
    void theMeterSeesTheSpikeWhileItLasts() throws Exception {
        try (SiteMeter meter = SiteMeter.forFleet(fleet, DC, RegisterMap.defaults(), "127.0.0.1", 0)) {
            long offset = DC.offsetNanos(0);
            clock.advance(Duration.ofNanos(offset).plusSeconds(1));
            float inSpike = readFloats(meter, 4, 1, false, RegisterMap.WordOrder.BIG_ENDIAN)[0];
            assertThat((double) inSpike).isCloseTo(400.0 + DC.height(0), within(1e-3)).isGreaterThan(400.0 + 480.0);
            clock.advance(DC.spikeDuration());
            assertThat(readFloats(meter, 4, 1, false, RegisterMap.WordOrder.BIG_ENDIAN)[0]).isEqualTo(400.0f);
        }
    }

    @Test
    void overlappingRegisterMapsAreRefused() {
        assertThatThrownBy(() -> new RegisterMap(RegisterMap.RegisterKind.HOLDING, RegisterMap.WordOrder.BIG_ENDIAN,
                RegisterMap.EnergyFormat.FLOAT32, 1, 1, 0, 1, 4, 6, -1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
    }

    private static ModbusTCPMaster connect(SiteMeter meter) throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(meter.host(), meter.port(), 3000, false);
        master.connect();
        return master;
    }

    /** Reads {@code count} floats from {@code address} on unit 1 and decodes them by the given word order. */
    private static float[] readFloats(SiteMeter meter, int address, int count, boolean input,
            RegisterMap.WordOrder order) throws Exception {
        ModbusTCPMaster master = connect(meter);
        try {
            InputRegister[] words = input
                    ? master.readInputRegisters(1, address, count * 2)
                    : master.readMultipleRegisters(1, address, count * 2);
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                int first = words[2 * i].getValue();
                int second = words[2 * i + 1].getValue();
                int bits = order == RegisterMap.WordOrder.BIG_ENDIAN ? (first << 16) | second : (second << 16) | first;
                values[i] = Float.intBitsToFloat(bits);
            }
            return values;
        } finally {
            master.disconnect();
        }
    }
}
