package io.gridflex.siteagent.miner.cgminerapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;

/**
 * The cgminer API's transport: {@code {"command":"...","parameter":"..."}} over a fresh TCP connection per request,
 * the answer ending at a NUL byte or when the miner closes. Blocking, for virtual threads; holds no per-miner state,
 * so one instance serves a whole fleet. Every failure is a {@link MinerException}: transport failures (no answer,
 * timeout, too large, truncated or not JSON) carry {@link MinerException#NO_CODE} and are
 * {@link #isTransportFailure transport failures}; an answer whose status is not success carries the miner's code.
 */
public final class CgminerTransport {

    /** Replies larger than this are refused: a miner answering garbage must not fill the agent's memory. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 1 << 20;

    private final int timeoutMillis;
    private final int maxReplyBytes;

    public CgminerTransport(Duration timeout) {
        this(timeout, DEFAULT_MAX_REPLY_BYTES);
    }

    public CgminerTransport(Duration timeout, int maxReplyBytes) {
        this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        this.maxReplyBytes = maxReplyBytes;
    }

    /**
     * Sends one command (or several joined with '+') and returns the answer, failing unless every status in it says
     * success. {@code parameter} may be null.
     */
    public JsonNode command(MinerEndpoint miner, String command, String parameter) throws MinerException {
        JsonNode reply = send(miner, command, parameter);
        CgminerReplies.checkStatus(miner, command, reply);
        return reply;
    }

    /** Sends one command and returns the parsed answer without judging its status. */
    public JsonNode send(MinerEndpoint miner, String command, String parameter) throws MinerException {
        ObjectNode request = CgminerJson.mapper().createObjectNode().put("command", command);
        if (parameter != null) {
            request.put("parameter", parameter);
        }
        return exchange(miner, command, request.toString());
    }

    /**
     * Sends a request the caller wrote (for dialects whose requests are not {@code {"command":...}}, such as
     * Whatsminer API v2's {@code {"cmd":...}}) and returns the parsed answer without judging its status.
     *
     * @param command what the request asks, for messages (and the part names of a joined reply)
     */
    public JsonNode exchange(MinerEndpoint miner, String command, String request) throws MinerException {
        String raw = roundTrip(miner, request);
        JsonNode reply;
        try {
            reply = CgminerJson.parse(raw, Arrays.asList(command.split("\\+")));
        } catch (CgminerJson.MalformedReplyException e) {
            throw new TransportFailure(miner + ": answer to " + command + " is " + e.getMessage(), null);
        }
        if (reply == null || !reply.isObject()) {
            throw new TransportFailure(miner + ": answer to " + command + " is not a JSON object", null);
        }
        return reply;
    }

    /** Whether a failure came from the connection or the reply's form rather than from the miner's status. */
    public static boolean isTransportFailure(MinerException e) {
        return e instanceof TransportFailure;
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
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                int nul = indexOfNul(buffer, n);
                answer.write(buffer, 0, nul < 0 ? n : nul);
                if (answer.size() > maxReplyBytes) {
                    throw new TransportFailure(miner + ": answer exceeds " + maxReplyBytes + " bytes", null);
                }
                if (nul >= 0) {
                    break;
                }
            }
            if (answer.size() == 0) {
                throw new TransportFailure(miner + ": closed the connection without answering", null);
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TransportFailure(miner + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
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

    /** A failure of the connection or of the reply's form. */
    private static final class TransportFailure extends MinerException {

        TransportFailure(String message, IOException cause) {
            super(message, MinerException.NO_CODE);
            if (cause != null) {
                initCause(cause);
            }
        }
    }
}
