package io.gridflex.siteagent.miner.whatsminer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;

/**
 * Whatsminer API v3's transport: a frame is a 4-byte little-endian length followed by that many bytes of UTF-8 JSON,
 * both ways. One request per connection, closed straight after the answer: the miner serves at most 10 clients, so
 * the agent never holds one of those slots while idle. An answer that starts with '{' instead of a length (seen on
 * firmwares that answer errors unframed) is read up to the miner closing or a NUL.
 */
final class WhatsminerTransport {

    static final int MAX_FRAME_BYTES = 1 << 20;

    private final int timeoutMillis;
    private final ObjectMapper mapper;

    WhatsminerTransport(Duration timeout, ObjectMapper mapper) {
        this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        this.mapper = mapper;
    }

    /** Sends one JSON request and returns the JSON answer (whatever its {@code code}). */
    JsonNode exchange(MinerEndpoint miner, String command, String request) throws MinerException {
        byte[] answer;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(miner.host(), miner.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(frame(request));
            out.flush();
            answer = readFrame(miner, socket.getInputStream());
        } catch (EOFException e) {
            throw new MinerException(miner + ": closed the connection before answering " + command + " in full", e);
        } catch (IOException e) {
            throw new MinerException(miner + ": " + command + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        try {
            JsonNode reply = mapper.readTree(answer);
            if (reply == null || !reply.isObject()) {
                throw new MinerException(miner + ": answer to " + command + " is not a JSON object",
                        MinerException.NO_CODE);
            }
            return reply;
        } catch (JsonProcessingException e) {
            throw new MinerException(miner + ": answer to " + command + " is not JSON", e);
        } catch (IOException e) {
            throw new MinerException(miner + ": answer to " + command + " is unreadable", e);
        }
    }

    /** The request as a frame. Visible for tests. */
    static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).put(body)
                .array();
    }

    /** Reads one frame (or an unframed JSON answer). Visible for tests. */
    static byte[] readFrame(MinerEndpoint miner, InputStream in) throws IOException, MinerException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        byte[] header = new byte[4];
        int first = data.read();
        if (first == -1) {
            throw new MinerException(miner + ": closed the connection without answering", MinerException.NO_CODE);
        }
        header[0] = (byte) first;
        if (first == '{') {
            return readUnframed(miner, header[0], data);
        }
        data.readFully(header, 1, 3);
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (length == 0 || length > MAX_FRAME_BYTES) {
            throw new MinerException(miner + ": answer frame announces " + length + " bytes (at most "
                    + MAX_FRAME_BYTES + ")", MinerException.NO_CODE);
        }
        byte[] body = new byte[(int) length];
        data.readFully(body);
        return body;
    }

    private static byte[] readUnframed(MinerEndpoint miner, byte first, InputStream in)
            throws IOException, MinerException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(first);
        int b;
        while ((b = in.read()) != -1 && b != 0) {
            body.write(b);
            if (body.size() > MAX_FRAME_BYTES) {
                throw new MinerException(miner + ": answer exceeds " + MAX_FRAME_BYTES + " bytes",
                        MinerException.NO_CODE);
            }
        }
        return body.toByteArray();
    }
}
