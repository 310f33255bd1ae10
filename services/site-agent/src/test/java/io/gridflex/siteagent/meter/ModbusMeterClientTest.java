package io.gridflex.siteagent.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** The meter client (digitalpetri) against an independent Modbus TCP slave (j2mod) on a free loopback port. */
class ModbusMeterClientTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int UNIT = 3;

    private int port;
    private ModbusSlave slave;
    private ModbusMeterClient client;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        slave = startSlave();
    }

    private ModbusSlave startSlave() throws ModbusException {
        SimpleProcessImage image = new SimpleProcessImage(UNIT);
        // holding 0-1: site kW 123.5 as float32, high word first
        image.addRegister(new SimpleRegister(0x42f7));
        image.addRegister(new SimpleRegister(0x0000));
        // holding 2-3: mining kW -0.25 as float32, low word first
        image.addRegister(new SimpleRegister(0x0000));
        image.addRegister(new SimpleRegister(0xbe80));
        // input 0-1: energy 4,000,000,000 (x 0.1 kWh) as uint32, high word first
        image.addInputRegister(new SimpleInputRegister(0xee6b));
        image.addInputRegister(new SimpleInputRegister(0x2800));
        ModbusSlave started = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        started.addProcessImage(UNIT, image);
        started.open();
        return started;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        ModbusSlaveFactory.close();
    }

    private ModbusMeterClient client(int unit, RegisterSpec energy) {
        MeterSettings settings = new MeterSettings("127.0.0.1", port, unit, Duration.ofSeconds(1),
                Optional.of(new RegisterSpec("site-kw", 0, RegisterType.HOLDING, DataType.FLOAT32,
                        WordOrder.BIG_ENDIAN, 1)),
                Optional.of(new RegisterSpec("mining-kw", 2, RegisterType.HOLDING, DataType.FLOAT32,
                        WordOrder.SWAPPED, 1)),
                Optional.empty(), energy);
        client = new ModbusMeterClient(settings, Clock.fixed(NOW, ZoneOffset.UTC));
        return client;
    }

    private static RegisterSpec energyAt(int address) {
        return new RegisterSpec("energy-kwh", address, RegisterType.INPUT, DataType.UINT32, WordOrder.BIG_ENDIAN,
                0.1);
    }

    @Test
    void readsEveryMappedFigureAndLeavesTheUnmappedOneNull() throws MeterException {
        MeterReading reading = client(UNIT, energyAt(0)).read();

        assertThat(reading.siteKw()).isEqualTo(123.5);
        assertThat(reading.miningKw()).isEqualTo(-0.25);
        assertThat(reading.dataCentreKw()).isNull();
        assertThat(reading.energyKwh()).isCloseTo(400_000_000.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(reading.at()).isEqualTo(NOW);
    }

    @Test
    void aRegisterTheMeterDoesNotHaveFailsTheWholeReading() {
        assertThatThrownBy(() -> client(UNIT, energyAt(40)).read()).isInstanceOf(MeterException.class)
                .hasMessageContaining("energy-kwh").hasMessageContaining("exception code");
    }

    @Test
    void aMeterThatIsGoneIsAFailureAndItIsReadAgainOnceBack() throws Exception {
        ModbusMeterClient meter = client(UNIT, energyAt(0));
        assertThat(meter.read().siteKw()).isEqualTo(123.5);

        ModbusSlaveFactory.close();
        assertThatThrownBy(meter::read).isInstanceOf(MeterException.class);

        slave = startSlave();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meter.read().siteKw()).isEqualTo(123.5));
    }

    @Test
    void nothingListeningIsAFailureNamingTheMeter() throws IOException {
        ModbusSlaveFactory.close();

        assertThatThrownBy(() -> client(UNIT, energyAt(0)).read()).isInstanceOf(MeterException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }
}
