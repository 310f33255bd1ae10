package io.gridflex.minersim.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.minersim.power.MinerModel;

/** A mixed fleet of every firmware, each miner on its own loopback address and its firmware's port. */
class MixedFleetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void twoHundredMinersOfEveryFirmwareAnswerOnTheirOwnAddresses() throws IOException {
        Map<Firmware, Integer> mix = new EnumMap<>(Firmware.class);
        mix.put(Firmware.LUXOS, 20);
        mix.put(Firmware.BRAIINS, 40);
        mix.put(Firmware.BOSMINER, 30);
        mix.put(Firmware.WHATSMINER, 30);
        mix.put(Firmware.WHATSMINER_V2, 20);
        mix.put(Firmware.ANTMINER, 30);
        mix.put(Firmware.CGMINER, 30);
        // A random /16 of 127/8, so parallel runs on a shared machine do not collide; HTTP on 18080 because a
        // non-root CI user cannot bind port 80.
        String net = "127." + ThreadLocalRandom.current().nextInt(100, 250);
        String base = net + ".0.100";
        try (SimulatedFleet fleet = SimulatedFleet.builder("mixed").firmwares(mix).model(Firmware.WHATSMINER,
                MinerModel.M60S).noise(0).addressPerMiner(base).firmwarePort(Firmware.BRAIINS, 18080)
                .firmwarePort(Firmware.ANTMINER, 18080).start()) {

            assertThat(fleet.miners()).hasSize(200);
            assertThat(fleet.addresses()).extracting(MinerAddress::host).doesNotHaveDuplicates();
            assertThat(fleet.address(0).host()).isEqualTo(base);
            assertThat(fleet.address(155).host()).isEqualTo(net + ".0.255");
            assertThat(fleet.address(199).host()).isEqualTo(net + ".1.43");
            assertThat(fleet.isListening()).isTrue();
            for (MinerAddress address : fleet.addresses()) {
                SimulatedMiner miner = fleet.minerAt(address.endpoint());
                assertThat(miner.firmware()).isEqualTo(address.firmware());
                assertThat(miner.id()).isEqualTo(address.minerId());
                switch (address.firmware()) {
                    case LUXOS -> {
                        assertThat(address.port()).isEqualTo(4028);
                        assertThat(cgminer(address, "version")).contains("LUXminer");
                    }
                    case BOSMINER -> {
                        assertThat(address.port()).isEqualTo(4028);
                        assertThat(cgminer(address, "version")).contains("BOSminer");
                    }
                    case CGMINER -> {
                        assertThat(address.port()).isEqualTo(4028);
                        assertThat(cgminer(address, "version")).contains("BMMiner");
                    }
                    case WHATSMINER -> {
                        assertThat(address.port()).isEqualTo(4433);
                        assertThat(whatsminerInfo(address).at("/msg/miner/type").asText())
                                .isEqualTo("WhatsMiner M60S");
                    }
                    case WHATSMINER_V2 -> {
                        assertThat(address.port()).isEqualTo(4028);
                        assertThat(MAPPER.readTree(cgminer(address, "summary")).at("/SUMMARY/0/Power").asLong())
                                .isEqualTo(3010);
                    }
                    case BRAIINS -> {
                        assertThat(address.port()).isEqualTo(18080);
                        assertThat(httpHead(address, "/api/v1/miner/details")).startsWith("HTTP/1.1 401");
                    }
                    case ANTMINER -> {
                        assertThat(address.port()).isEqualTo(18080);
                        assertThat(httpHead(address, "/cgi-bin/get_system_info.cgi")).startsWith("HTTP/1.1 401")
                                .contains("WWW-Authenticate: Digest");
                    }
                }
            }
            double nominal = 20 * 3010.0 + 40 * 3010.0 + 30 * 3010.0 + 30 * 3422.0 + 20 * 3010.0 + 30 * 3010.0
                    + 30 * 3010.0;
            assertThat(fleet.powerW()).isEqualTo(nominal);
        }
    }

    @Test
    void perMinerAddressesMustStayInLoopbackAndExcludePorts() {
        assertThatThrownBy(() -> SimulatedFleet.builder("x").count(3).addressPerMiner("10.0.0.1").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> SimulatedFleet.builder("x").count(3).addressPerMiner("127.255.255.254").start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave");
        assertThatThrownBy(() -> SimulatedFleet.builder("x").count(3).addressPerMiner("127.9.0.1").firstPort(5000)
                .start()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void luxosMinersShowTheMisbehavioursToo() throws IOException {
        try (SimulatedFleet fleet = SimulatedFleet.builder("lux").count(1).noise(0).start()) {
            SimulatedMiner miner = fleet.miner(0);
            MinerAddress address = fleet.address(0);
            miner.setMisbehaviour(Misbehaviour.REFUSE_CREDENTIALS);
            JsonNode logon = MAPPER.readTree(cgminer(address, "logon"));
            assertThat(logon.at("/STATUS/0/STATUS").asText()).isEqualTo("E");
            miner.setMisbehaviour(Misbehaviour.GARBAGE);
            assertThatThrownBy(() -> MAPPER.readTree(cgminer(address, "power"))).isInstanceOf(IOException.class);
            miner.setMisbehaviour(Misbehaviour.HANG);
            assertThatThrownBy(() -> cgminer(address, "power", 500)).isInstanceOf(SocketTimeoutException.class);
            miner.setMisbehaviour(Misbehaviour.NONE);
            assertThat(MAPPER.readTree(cgminer(address, "power")).at("/POWER/0/Watts").asLong()).isEqualTo(3010);
        }
    }

    private static String cgminer(MinerAddress address, String command) throws IOException {
        return cgminer(address, command, 10_000);
    }

    private static String cgminer(MinerAddress address, String command, int timeoutMillis) throws IOException {
        try (Socket socket = connect(address, timeoutMillis)) {
            socket.getOutputStream().write(("{\"command\":\"" + command + "\"}").getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) > 0) {
                out.write(b);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static JsonNode whatsminerInfo(MinerAddress address) throws IOException {
        try (Socket socket = connect(address, 10_000)) {
            byte[] body = "{\"cmd\":\"get.device.info\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
            out.write(body);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[4];
            in.readFully(header);
            byte[] reply = new byte[ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt()];
            in.readFully(reply);
            return MAPPER.readTree(reply);
        }
    }

    /** The status line and headers of a GET without credentials. */
    private static String httpHead(MinerAddress address, String path) throws IOException {
        try (Socket socket = connect(address, 10_000)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + address.host()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return all.substring(0, all.indexOf("\r\n\r\n"));
        }
    }

    private static Socket connect(MinerAddress address, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(address.host(), address.port()), 2000);
        socket.setSoTimeout(timeoutMillis);
        return socket;
    }
}
