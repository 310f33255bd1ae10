package io.gridflex.siteagent.meter;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;

/**
 * Reads the site meter over Modbus TCP with digitalpetri's client: one request per mapped figure, on one connection
 * kept open between readings. Any failure (connect, timeout, exception response, a value that is no number) fails
 * the whole reading with a {@link MeterException}, never a reading with zeros, and drops the connection so the next
 * reading connects afresh. Thread-safe; readings are serialised.
 */
public final class ModbusMeterClient implements AutoCloseable {

    private final MeterSettings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private ModbusTcpClient client;

    public ModbusMeterClient(MeterSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Reads every mapped figure now. */
    public MeterReading read() throws MeterException {
        lock.lock();
        try {
            ModbusTcpClient connected = connected();
            try {
                Double site = optional(connected, settings.siteKw());
                Double mining = optional(connected, settings.miningKw());
                Double dataCentre = optional(connected, settings.dataCentreKw());
                double energy = value(connected, settings.energyKwh());
                return new MeterReading(site, mining, dataCentre, energy, clock.instant());
            } catch (MeterException e) {
                disconnect();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private ModbusTcpClient connected() throws MeterException {
        if (client != null && client.isConnected()) {
            return client;
        }
        disconnect();
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
            cfg.hostname = settings.host();
            cfg.port = settings.port();
            cfg.connectTimeout = settings.timeout();
            // Reconnection is this class's: a failed reading drops the connection, the next one opens a new one.
            cfg.connectPersistent = false;
        });
        ModbusTcpClient fresh = ModbusTcpClient.create(transport, cfg -> cfg.requestTimeout = settings.timeout());
        try {
            fresh.connect();
        } catch (ModbusException e) {
            quietlyDisconnect(fresh);
            throw new MeterException("cannot connect to the meter at " + where() + ": " + describe(e), e);
        }
        client = fresh;
        return fresh;
    }

    private Double optional(ModbusTcpClient connected, Optional<RegisterSpec> register) throws MeterException {
        return register.isEmpty() ? null : value(connected, register.get());
    }

    private double value(ModbusTcpClient connected, RegisterSpec register) throws MeterException {
        int unit = settings.unitId();
        int quantity = register.dataType().words();
        byte[] bytes;
        try {
            bytes = register.type() == RegisterType.HOLDING
                    ? connected.readHoldingRegisters(unit, new ReadHoldingRegistersRequest(register.address(),
                            quantity)).registers()
                    : connected.readInputRegisters(unit, new ReadInputRegistersRequest(register.address(), quantity))
                            .registers();
        } catch (ModbusException e) {
            throw new MeterException("meter at " + where() + ": reading " + register.name() + " ("
                    + register.type().name().toLowerCase() + " register " + register.address() + ") failed: "
                    + describe(e), e);
        }
        try {
            return register.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new MeterException("meter at " + where() + ": " + register.name() + " is unreadable: "
                    + e.getMessage(), e);
        }
    }

    private String where() {
        return settings.host() + ":" + settings.port() + " (unit " + settings.unitId() + ")";
    }

    private static String describe(ModbusException e) {
        if (e instanceof ModbusResponseException response) {
            return "exception code " + response.getExceptionCode();
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
    }

    private void disconnect() {
        if (client != null) {
            quietlyDisconnect(client);
            client = null;
        }
    }

    private static void quietlyDisconnect(ModbusTcpClient client) {
        try {
            client.disconnect();
        } catch (ModbusException | RuntimeException e) {
            // the connection is being dropped anyway
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            disconnect();
        } finally {
            lock.unlock();
        }
    }
}
