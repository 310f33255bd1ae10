package io.gridflex.siteagent.miner.luxos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;

/**
 * A client of the LUXminer (cgminer-compatible) JSON API: one request per TCP connection, the answer ends with a NUL
 * or the server closing. Blocking; meant to run on virtual threads, one per miner. Every failure, including an
 * answer whose {@code STATUS} is not success, is a {@link MinerException}.
 */
public final class LuxosClient {

    /** Status code of a logon refused because a session already exists. */
    static final int SESSION_ACTIVE = 402;
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final int timeoutMillis;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public LuxosClient(Duration timeout, Clock clock) {
        this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        this.clock = clock;
    }

    /** Draw and hashrate in one round trip, with the cgminer API's joined command. */
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode response = request(miner, "power+summary", null);
        JsonNode power = section(miner, response.path("power").path(0), "POWER");
        JsonNode summary = section(miner, response.path("summary").path(0), "SUMMARY");
        if (!power.path("Watts").isNumber() || !summary.path("GHS 5s").isNumber()) {
            throw new MinerException(miner + ": reading lacks Watts or GHS 5s: " + response, MinerException.NO_CODE);
        }
        return new MinerReading(power.path("Watts").asDouble(), summary.path("GHS 5s").asDouble(), clock.instant());
    }

    /** The draw alone, for watching a miner power down. */
    public double powerW(MinerEndpoint miner) throws MinerException {
        JsonNode power = section(miner, request(miner, "power", null), "POWER");
        if (!power.path("Watts").isNumber()) {
            throw new MinerException(miner + ": power answer lacks Watts", MinerException.NO_CODE);
        }
        return power.path("Watts").asDouble();
    }

    /**
     * Runs {@code curtail sleep} or {@code curtail wakeup}. Curtailing needs the miner's one session: when another
     * session is active (most likely one this agent opened before it was interrupted; sessions only coordinate
     * cooperating writers) that session is reused, and only a session opened here is closed again.
     */
    public void curtail(MinerEndpoint miner, String action) throws MinerException {
        String session;
        boolean opened;
        try {
            session = sessionId(miner, request(miner, "logon", null));
            opened = true;
        } catch (MinerException e) {
            if (e.code() != SESSION_ACTIVE) {
                throw e;
            }
            session = sessionId(miner, request(miner, "session", null));
            opened = false;
            if (session.isEmpty()) {
                throw new MinerException(miner + ": logon refused but no session is active", SESSION_ACTIVE);
            }
        }
        try {
            request(miner, "curtail", session + "," + action);
        } finally {
            if (opened) {
                try {
                    request(miner, "logoff", session);
                } catch (MinerException e) {
                    // The session expires by itself within a minute; the curtail already succeeded or failed.
                }
            }
        }
    }

    /** Sends one command and returns the answer, failing unless every STATUS in it says success. */
    JsonNode request(MinerEndpoint miner, String command, String parameter) throws MinerException {
        ObjectNode request = mapper.createObjectNode().put("command", command);
        if (parameter != null) {
            request.put("parameter", parameter);
        }
        String raw = roundTrip(miner, request.toString());
        JsonNode response;
        try {
            response = mapper.readTree(raw);
        } catch (IOException e) {
            throw new MinerException(miner + ": answer to " + command + " is not JSON", e);
        }
        if (response == null || !response.isObject()) {
            throw new MinerException(miner + ": answer to " + command + " is not a JSON object",
                    MinerException.NO_CODE);
        }
        checkStatus(miner, command, response);
        return response;
    }

    private static void checkStatus(MinerEndpoint miner, String command, JsonNode response) throws MinerException {
        if (response.has("STATUS")) {
            JsonNode status = response.path("STATUS").path(0);
            String severity = status.path("STATUS").asText("");
            if (!severity.equals("S") && !severity.equals("I")) {
                throw new MinerException(miner + ": " + command + " failed: " + status.path("Msg").asText("no message")
                        + " (code " + status.path("Code").asInt(-1) + ")", status.path("Code").asInt(-1));
            }
            return;
        }
        for (var part : response.properties()) {
            if (part.getValue().isArray() && part.getValue().path(0).isObject()) {
                checkStatus(miner, part.getKey(), part.getValue().path(0));
            }
        }
    }

    private static JsonNode section(MinerEndpoint miner, JsonNode response, String name) throws MinerException {
        JsonNode section = response.path(name).path(0);
        if (!section.isObject()) {
            throw new MinerException(miner + ": answer lacks " + name, MinerException.NO_CODE);
        }
        return section;
    }

    private static String sessionId(MinerEndpoint miner, JsonNode response) throws MinerException {
        return Optional.ofNullable(response.path("SESSION").path(0).get("SessionID")).map(JsonNode::asText)
                .orElseThrow(() -> new MinerException(miner + ": answer lacks SESSION", MinerException.NO_CODE));
    }

    private String roundTrip(MinerEndpoint miner, String request) throws MinerException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(miner.host(), miner.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) != -1) {
                int nul = indexOfNul(buffer, n);
                answer.write(buffer, 0, nul < 0 ? n : nul);
                if (nul >= 0) {
                    break;
                }
                if (answer.size() > MAX_RESPONSE_BYTES) {
                    throw new MinerException(miner + ": answer exceeds " + MAX_RESPONSE_BYTES + " bytes",
                            MinerException.NO_CODE);
                }
            }
            if (answer.size() == 0) {
                throw new MinerException(miner + ": closed the connection without answering", MinerException.NO_CODE);
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MinerException(miner + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static int indexOfNul(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
