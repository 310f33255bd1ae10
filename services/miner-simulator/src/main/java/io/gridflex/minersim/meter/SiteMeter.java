package io.gridflex.minersim.meter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.DoubleSupplier;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveType;

import io.gridflex.minersim.fleet.SimulatedFleet;

/**
 * A revenue-grade site meter speaking Modbus TCP (j2mod's server): the miners' exact draw plus a co-located data
 * centre's {@link DataCentreProfile}, published in the registers of a {@link RegisterMap}. {@link #read()} gives the
 * exact figures the registers encode at an instant, so tests compare what a client decodes with the truth.
 */
public final class SiteMeter implements AutoCloseable {

    /** The Modbus TCP port of real meters. */
    public static final int DEFAULT_PORT = 502;
    private static final int POOL_SIZE = 4;
    private static final int MAX_IDLE_SECONDS = 60;
    private static final int BIND_ATTEMPTS = 5;

    private final InstantSource clock;
    private final Instant origin;
    private final DoubleSupplier miningW;
    private final DoubleSupplier miningWh;
    private final DataCentreProfile dataCentre;
    private final RegisterMap map;
    private final String host;
    private final ModbusSlave slave;
    private volatile boolean closed;

    /**
     * Starts a meter over explicit sources.
     *
     * @param miningW the miners' draw right now, in W
     * @param miningWh the miners' exact energy so far, in Wh
     * @param port 502 on a real site; 0 picks a free port
     */
    public SiteMeter(InstantSource clock, DoubleSupplier miningW, DoubleSupplier miningWh,
            DataCentreProfile dataCentre, RegisterMap map, String host, int port) {
        this.clock = clock;
        this.origin = clock.instant();
        this.miningW = miningW;
        this.miningWh = miningWh;
        this.dataCentre = dataCentre;
        this.map = map;
        this.host = host;
        this.slave = open(host, port);
    }

    /** A meter on a fleet's supply, on the fleet's clock. */
    public static SiteMeter forFleet(SimulatedFleet fleet, DataCentreProfile dataCentre, RegisterMap map,
            String host, int port) {
        return new SiteMeter(fleet.clock(), fleet::powerW, fleet::energyWh, dataCentre, map, host, port);
    }

    private ModbusSlave open(String bindHost, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bindHost);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown meter host " + bindHost, e);
        }
        Exception last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freePort(address) : port;
            if (ModbusSlaveFactory.getSlave(ModbusSlaveType.TCP, chosen) != null) {
                last = new IllegalStateException("another meter of this process serves port " + chosen);
                continue;
            }
            ModbusSlave created = null;
            try {
                created = ModbusSlaveFactory.createTCPSlave(address, chosen, POOL_SIZE, false, MAX_IDLE_SECONDS);
                created.addProcessImage(map.unitId(), new MeterProcessImage(map, this::read));
                created.open();
                return created;
            } catch (ModbusException e) {
                last = e;
                if (created != null) {
                    ModbusSlaveFactory.close(created);
                }
            }
        }
        throw new IllegalStateException("cannot start the site meter on " + bindHost + ":" + port, last);
    }

    /** j2mod's server keeps slaves by port and cannot report a port the kernel chose, so choose one first. */
    private static int freePort(InetAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on " + address, e);
        }
    }

    /** The exact figures the registers hold right now. */
    public MeterReading read() {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(origin, now);
        double miningKw = miningW.getAsDouble() / 1000.0;
        double miningKwh = miningWh.getAsDouble() / 1000.0;
        double dcKw = dataCentre.powerKw(elapsed);
        double dcKwh = dataCentre.energyKwh(elapsed);
        return new MeterReading(now, miningKw + dcKw, miningKw, dcKw, miningKwh + dcKwh, miningKwh, dcKwh);
    }

    public RegisterMap registerMap() {
        return map;
    }

    public DataCentreProfile dataCentre() {
        return dataCentre;
    }

    /** When the meter started: the origin of the data-centre profile. */
    public Instant origin() {
        return origin;
    }

    public String host() {
        return host;
    }

    public int port() {
        return slave.getPort();
    }

    public boolean isListening() {
        return !closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ModbusSlaveFactory.close(slave);
        }
    }
}
