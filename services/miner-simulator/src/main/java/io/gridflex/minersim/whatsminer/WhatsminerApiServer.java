package io.gridflex.minersim.whatsminer;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.MinerApi;
import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Faults;
import io.gridflex.minersim.net.Json;
import io.gridflex.minersim.net.TcpListener;

/**
 * The Whatsminer API v3 (TCP 4433 on real hardware) of one simulated miner.
 * <p>
 * Framing: every request and every response is a 4-byte little-endian length followed by that many bytes of UTF-8
 * JSON. A connection carries any number of requests; at most {@value #MAX_CLIENTS} connections are served at once and
 * the next one is closed at once, without a byte.
 * <p>
 * Request: {@code {"cmd":"get.miner.status","param":"summary"}}. Privileged ({@code set.*}) commands add
 * {@code "ts":<unix seconds>,"account":"super","token":"<8 chars>"} where token is the first 8 characters of
 * standard base64(sha256(cmd + password + salt + ts)), ts written in decimal; the salt comes from
 * {@code get.device.info} ({@code msg.salt}) and is fixed for the miner. A ts more than {@value #STALE_AFTER_SECONDS} s
 * from the miner's clock is stale.
 * <p>
 * Response: {@code {"code":0,"when":<unix seconds>,"msg":...,"desc":"<cmd>"}}; {@code msg} is an object for reads and
 * {@code "ok"} for writes, an explanation string on errors. Codes: 0 ok, -1 unknown command, -2 invalid JSON or
 * missing {@code cmd}, -3 invalid parameter, -4 authentication failed (wrong account or token), -5 stale
 * {@code ts}, -6 request too large.
 * <ul>
 * <li>{@code get.device.info} → {@code msg: {"salt","miner":{"type","working"},"system":{"api":"3.0.1",
 * "fwversion","platform"},"network":{"hostname","mac"}}}.</li>
 * <li>{@code get.miner.status} param {@code summary} → {@code msg.summary: {"elapsed","hash-realtime" (TH/s),
 * "hash-average","factory-hash","power-realtime" (W),"power-limit" (W),"power-percent","working"}}.</li>
 * <li>{@code set.miner.service} param {@code stop} (shed: ramps to the sleep draw) | {@code start} (restore) |
 * {@code restart} (no change).</li>
 * <li>{@code set.miner.power_percent} param 10..100 (a number, a numeric string or {@code {"percent":N}}): the awake
 * draw becomes that share of nominal, until changed; not persisted, no reboot.</li>
 * </ul>
 */
public final class WhatsminerApiServer implements MinerApi {

    public static final int MAX_CLIENTS = 10;
    static final long STALE_AFTER_SECONDS = 60;
    static final String FIRMWARE_VERSION = "20250107.22.REL-gridflex-sim";

    private final SimulatedMiner miner;
    private final String password;
    private final String salt;
    private final int readTimeoutMillis;
    private final int maxFrameBytes;
    private final AtomicInteger clients = new AtomicInteger();
    private final TcpListener listener;

    public WhatsminerApiServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        this.miner = miner;
        this.password = options.password(Firmware.WHATSMINER);
        this.salt = saltFor(miner.id());
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, options.readTimeout().toMillis()));
        this.maxFrameBytes = options.maxRequestBytes();
        this.listener = new TcpListener("whatsminer-" + miner.id(), host, port, this::serve);
    }

    /** The token a client must send with a privileged command: what the spec says, computed independently. */
    public static String token(String cmd, String password, String salt, long ts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((cmd + password + salt + ts).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    public String salt() {
        return salt;
    }

    @Override
    public String host() {
        return listener.host();
    }

    @Override
    public int port() {
        return listener.port();
    }

    @Override
    public boolean isListening() {
        return listener.isListening();
    }

    @Override
    public void close() {
        listener.close();
    }

    private static String saltFor(String minerId) {
        SplittableRandom random = new SplittableRandom(minerId.hashCode() * 0x9E3779B97F4A7C15L);
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(Character.forDigit(random.nextInt(36), 36));
        }
        return s.toString();
    }

    private void serve(Socket socket) throws IOException {
        if (clients.incrementAndGet() > MAX_CLIENTS) {
            clients.decrementAndGet();
            return;
        }
        try {
            if (miner.isApiOffline()) {
                return;
            }
            socket.setSoTimeout(readTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                byte[] header = in.readNBytes(4);
                if (header.length < 4) {
                    return;
                }
                int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (length < 0 || length > maxFrameBytes) {
                    writeFrame(out, Json.write(error("", -6, "request of " + length + " bytes is over the "
                            + maxFrameBytes + " byte limit")).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    throw new EOFException("connection closed inside a frame");
                }
                if (miner.isApiOffline()) {
                    return;
                }
                Misbehaviour fault = miner.misbehaviour();
                if (fault == Misbehaviour.HANG) {
                    Faults.hang(socket);
                    return;
                }
                Faults.delayIfSlow(miner);
                byte[] reply = fault == Misbehaviour.GARBAGE
                        ? Faults.GARBAGE
                        : Json.write(handle(new String(body, StandardCharsets.UTF_8)))
                                .getBytes(StandardCharsets.UTF_8);
                writeFrame(out, reply);
            }
        } catch (SocketTimeoutException e) {
            // An idle client: the miner drops it so it does not hold one of the ten slots forever.
        } finally {
            clients.decrementAndGet();
        }
    }

    private static void writeFrame(OutputStream out, byte[] payload) throws IOException {
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).array());
        out.write(payload);
        out.flush();
    }

    ObjectNode handle(String text) {
        JsonNode request = Json.parseOrNull(text);
        if (request == null || !request.isObject()) {
            return error("", -2, "invalid JSON");
        }
        JsonNode cmdNode = request.get("cmd");
        if (cmdNode == null || !cmdNode.isTextual() || cmdNode.asText().isBlank()) {
            return error("", -2, "missing \"cmd\"");
        }
        String cmd = cmdNode.asText();
        JsonNode param = request.path("param");
        if (cmd.startsWith("set.")) {
            ObjectNode refused = authenticate(cmd, request);
            if (refused != null) {
                return refused;
            }
        }
        return switch (cmd) {
            case "get.device.info" -> ok(cmd, deviceInfo());
            case "get.miner.status" -> minerStatus(cmd, param);
            case "set.miner.service" -> service(cmd, param);
            case "set.miner.power_percent" -> powerPercent(cmd, param);
            default -> error(cmd, -1, "unknown command: " + cmd);
        };
    }

    private ObjectNode authenticate(String cmd, JsonNode request) {
        JsonNode ts = request.get("ts");
        if (ts == null || !(ts.canConvertToLong() || ts.isTextual()) || !request.path("token").isTextual()
                || !request.path("account").isTextual()) {
            return error(cmd, -4, "privileged command needs \"ts\", \"account\" and \"token\"");
        }
        long seconds;
        try {
            seconds = ts.isNumber() ? ts.asLong() : Long.parseLong(ts.asText());
        } catch (NumberFormatException e) {
            return error(cmd, -4, "\"ts\" is not a number");
        }
        long now = miner.clock().instant().getEpochSecond();
        if (Math.abs(now - seconds) > STALE_AFTER_SECONDS) {
            return error(cmd, -5, "stale ts " + seconds + ": the miner's time is " + now);
        }
        if (Faults.refusesCredentials(miner) || !request.get("account").asText().equals(Firmware.WHATSMINER.user())
                || !request.get("token").asText().equals(token(cmd, password, salt, seconds))) {
            return error(cmd, -4, "authentication failed");
        }
        return null;
    }

    private ObjectNode deviceInfo() {
        ObjectNode msg = Json.object();
        msg.put("salt", salt);
        ObjectNode m = msg.putObject("miner");
        m.put("type", miner.model().displayName());
        m.put("working", String.valueOf(miner.isAwake()));
        ObjectNode system = msg.putObject("system");
        system.put("api", "3.0.1");
        system.put("fwversion", FIRMWARE_VERSION);
        system.put("platform", "H6OS");
        ObjectNode network = msg.putObject("network");
        network.put("hostname", miner.id());
        network.put("mac", miner.mac());
        return msg;
    }

    private ObjectNode minerStatus(String cmd, JsonNode param) {
        if (!param.asText().equals("summary")) {
            return error(cmd, -3, "param must be \"summary\"");
        }
        ObjectNode msg = Json.object();
        ObjectNode summary = msg.putObject("summary");
        double ths = Json.round2(miner.hashrateThs());
        summary.put("elapsed", miner.elapsedSeconds());
        summary.put("hash-realtime", ths);
        summary.put("hash-average", ths);
        summary.put("factory-hash", miner.model().hashrateThs());
        summary.put("power-realtime", Math.round(miner.powerW()));
        summary.put("power-limit", Math.round(miner.powerLevelW()));
        summary.put("power-percent",
                (int) Math.round(100.0 * miner.powerLevelW() / miner.model().runningWatts()));
        summary.put("working", String.valueOf(miner.isAwake()));
        return ok(cmd, msg);
    }

    private ObjectNode service(String cmd, JsonNode param) {
        switch (param.asText().toLowerCase(Locale.ROOT)) {
            case "stop" -> miner.sleep();
            case "start" -> miner.wakeUp();
            case "restart" -> {
                // A restart of the mining service ends where it began: nothing to change in the simulation.
            }
            default -> {
                return error(cmd, -3, "param must be stop, start or restart");
            }
        }
        return ok(cmd, Json.MAPPER.getNodeFactory().textNode("ok"));
    }

    private ObjectNode powerPercent(String cmd, JsonNode param) {
        JsonNode value = param.isObject() ? param.path("percent") : param;
        int percent;
        try {
            percent = value.isIntegralNumber() ? value.asInt() : Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            return error(cmd, -3, "param must be an integer percent 10..100");
        }
        if (percent < 10 || percent > 100) {
            return error(cmd, -3, "percent " + percent + " is out of range 10..100");
        }
        miner.setPowerLevel(miner.model().runningWatts() * percent / 100.0);
        return ok(cmd, Json.MAPPER.getNodeFactory().textNode("ok"));
    }

    private ObjectNode ok(String cmd, JsonNode msg) {
        ObjectNode response = Json.object();
        response.put("code", 0);
        response.put("when", miner.clock().instant().getEpochSecond());
        response.set("msg", msg);
        response.put("desc", cmd);
        return response;
    }

    private ObjectNode error(String cmd, int code, String message) {
        ObjectNode response = Json.object();
        response.put("code", code);
        response.put("when", miner.clock().instant().getEpochSecond());
        response.put("msg", message);
        response.put("desc", cmd);
        return response;
    }
}
