package io.gridflex.minersim.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;

/**
 * A small HTTP/1.1 server for one simulated miner's web API, on a {@link TcpListener}: persistent connections,
 * {@code Content-Length} bodies (no chunked requests, which miner clients do not send), bounded head and body, an idle
 * timeout. The JDK's {@code HttpServer} would cost a platform dispatcher thread per miner; this costs none.
 * <p>
 * The miner's connection-level misbehaviours are applied here: offline closes without a reply, {@code HANG} never
 * answers, {@code GARBAGE} answers 200 with a body that is not JSON, {@code SLOW} waits before each answer.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 400, "Bad Request", 401, "Unauthorized",
            404, "Not Found", 405, "Method Not Allowed", 413, "Payload Too Large", 500, "Internal Server Error");

    private final SimulatedMiner miner;
    private final Function<HttpRequest, HttpResponse> handler;
    private final int readTimeoutMillis;
    private final int maxBodyBytes;
    private final TcpListener listener;

    /**
     * @param readTimeout how long a connection may sit idle or take to deliver one request
     * @param maxBodyBytes largest request body accepted
     */
    public HttpEndpoint(SimulatedMiner miner, String host, int port, Duration readTimeout, int maxBodyBytes,
            Function<HttpRequest, HttpResponse> handler) {
        this.miner = miner;
        this.handler = handler;
        this.readTimeoutMillis = Math.toIntExact(Math.max(1, readTimeout.toMillis()));
        this.maxBodyBytes = maxBodyBytes;
        this.listener = new TcpListener(miner.firmware().name().toLowerCase(Locale.ROOT) + "-" + miner.id(), host,
                port, this::serve);
    }

    public String host() {
        return listener.host();
    }

    public int port() {
        return listener.port();
    }

    public boolean isListening() {
        return listener.isListening();
    }

    @Override
    public void close() {
        listener.close();
    }

    private void serve(Socket socket) throws IOException {
        if (miner.isApiOffline()) {
            return;
        }
        socket.setSoTimeout(readTimeoutMillis);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
            HttpRequest request;
            try {
                request = read(in);
            } catch (SocketTimeoutException e) {
                return;
            } catch (BadRequest e) {
                write(out, HttpResponse.json(e.status, "{\"message\":\"" + e.getMessage() + "\"}"), false);
                return;
            }
            if (request == null) {
                return;
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
            HttpResponse response = fault == Misbehaviour.GARBAGE
                    ? new HttpResponse(200, Map.of("Content-Type", "application/json"), Faults.GARBAGE)
                    : handler.apply(request);
            boolean keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
            write(out, response, keepAlive);
            if (!keepAlive) {
                return;
            }
        }
    }

    private static final class BadRequest extends IOException {

        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The next request, or null when the client closed the connection between requests. */
    private HttpRequest read(InputStream in) throws IOException {
        String requestLine = readLine(in);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in);
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            throw new BadRequest(400, "malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headBytes = requestLine.length();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            headBytes += line.length();
            if (headBytes > MAX_HEAD_BYTES) {
                throw new BadRequest(400, "request head too large");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "malformed header");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (line == null) {
            throw new BadRequest(400, "connection closed inside the request head");
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new BadRequest(400, "chunked request bodies are not supported; send Content-Length");
        }
        int length = 0;
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            try {
                length = Integer.parseInt(contentLength);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad Content-Length");
            }
            if (length < 0) {
                throw new BadRequest(400, "bad Content-Length");
            }
            if (length > maxBodyBytes) {
                throw new BadRequest(413, "request body over " + maxBodyBytes + " bytes");
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new BadRequest(400, "connection closed inside the request body");
        }
        String target = parts[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return new HttpRequest(parts[0].toUpperCase(Locale.ROOT), target, path, headers, body);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > MAX_HEAD_BYTES) {
                throw new BadRequest(400, "request line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, HttpResponse response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(REASONS.getOrDefault(response.status(), "Status")).append("\r\n");
        response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }
}
