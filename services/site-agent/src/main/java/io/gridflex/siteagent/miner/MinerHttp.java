package io.gridflex.siteagent.miner;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 to the miners whose API is HTTP (Braiins OS REST, the Antminer CGI): one request per connection
 * ({@code Connection: close}), blocking, for the agent's virtual threads, as the cgminer transport is for the TCP
 * APIs. A shed of thousands of miners then costs a connection and a thread each and nothing shared: a general-purpose
 * client's selector thread and pooled connections queue thousands of concurrent exchanges behind each other (measured
 * at 0.4–0.9 s per command during a 2,500-miner shed, against 30–60 ms here). The answer is read by its
 * {@code Content-Length}, as chunks ({@code Transfer-Encoding: chunked}) or to the connection's end; the whole exchange
 * must finish within the timeout, and a head or body over its cap is refused, so a miner that drips or floods costs
 * one thread for one timeout at most. Every failure is a {@link MinerException} naming the miner and the request.
 */
public final class MinerHttp {

    /** Largest response head (status line and headers). */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Largest response body: a miner answering garbage must not fill the agent's memory. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    /** A response: the status, the headers by lower-case name (each value in the order sent), the body as UTF-8. */
    public record Response(int statusCode, Map<String, List<String>> headers, String body) {

        public Response {
            headers = Map.copyOf(headers);
        }

        /** Every value of a header, case-insensitively. */
        public List<String> allValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public Optional<String> firstValue(String name) {
            return allValues(name).stream().findFirst();
        }
    }

    private final int timeoutMillis;
    private final int maxBodyBytes;

    public MinerHttp(Duration timeout) {
        this(timeout, DEFAULT_MAX_BODY_BYTES);
    }

    public MinerHttp(Duration timeout, int maxBodyBytes) {
        this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Sends one request and reads its answer, whatever its status.
     *
     * @param body the request body (sent as UTF-8 with its length), or null for none
     * @param headers further request headers (e.g. {@code Authorization}, {@code Content-Type})
     */
    public Response send(MinerEndpoint miner, String method, String path, String body, Map<String, String> headers)
            throws MinerException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(miner.host(), miner.port()), timeoutMillis);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request(miner, method, path, body, headers));
            out.flush();
            InputStream in = new BufferedInputStream(new DeadlineStream(socket, deadline));
            Response response;
            do {
                response = read(in);
            } while (response.statusCode() / 100 == 1);
            return response;
        } catch (SocketTimeoutException e) {
            throw new MinerException(miner + ": " + method + " " + path + ": no complete answer within "
                    + timeoutMillis + " ms", e);
        } catch (IOException e) {
            throw new MinerException(miner + ": " + method + " " + path + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static byte[] request(MinerEndpoint miner, String method, String path, String body,
            Map<String, String> headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String host = miner.host().contains(":") ? "[" + miner.host() + "]" : miner.host();
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(miner.port()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> {
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header may not contain a line break: " + name);
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        if (body != null || !method.equals("GET")) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + content.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(content, 0, all, start.length, content.length);
        return all;
    }

    private Response read(InputStream in) throws IOException {
        int[] headBytes = {0};
        String statusLine = line(in, headBytes);
        if (statusLine == null) {
            throw new IOException("closed the connection without answering");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("\\d{3}")) {
            throw new IOException("answered something other than HTTP: " + abbreviate(statusLine));
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line; !(line = requireLine(in, headBytes)).isEmpty();) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("sent a malformed header line: " + abbreviate(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        byte[] body;
        if (status / 100 == 1 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = exactly(in, contentLength(headers.get("content-length")));
        } else {
            body = toEnd(in);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private long contentLength(List<String> values) throws IOException {
        long length;
        try {
            length = Long.parseLong(values.getFirst().strip());
        } catch (NumberFormatException e) {
            throw new IOException("sent a Content-Length that is not a number: " + abbreviate(values.getFirst()));
        }
        if (values.stream().anyMatch(v -> !v.strip().equals(values.getFirst().strip())) || length < 0) {
            throw new IOException("sent conflicting or negative Content-Length values " + values);
        }
        if (length > maxBodyBytes) {
            throw new IOException("answer of " + length + " bytes exceeds " + maxBodyBytes + " bytes");
        }
        return length;
    }

    private byte[] exactly(InputStream in, long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("closed the connection after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    private byte[] toEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1;) {
            body.write(buffer, 0, n);
            if (body.size() > maxBodyBytes) {
                throw new IOException("answer exceeds " + maxBodyBytes + " bytes");
            }
        }
        return body.toByteArray();
    }

    private byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] lineBytes = {0};
        while (true) {
            String sizeLine = requireLine(in, lineBytes);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("sent a malformed chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0 || body.size() + size > maxBodyBytes) {
                throw new IOException("answer exceeds " + maxBodyBytes + " bytes");
            }
            if (size == 0) {
                // Trailers, if any, up to the blank line that ends the message.
                while (!requireLine(in, lineBytes).isEmpty()) {
                    // Ignored.
                }
                return body.toByteArray();
            }
            body.write(exactly(in, size));
            if (!requireLine(in, lineBytes).isEmpty()) {
                throw new IOException("sent a chunk longer than its size");
            }
        }
    }

    private static String requireLine(InputStream in, int[] headBytes) throws IOException {
        String line = line(in, headBytes);
        if (line == null) {
            throw new IOException("closed the connection inside the answer");
        }
        return line;
    }

    /** A line without its CRLF (or bare LF); null at the end of the stream before any byte. */
    private static String line(InputStream in, int[] headBytes) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (++headBytes[0] > MAX_HEAD_BYTES) {
                throw new IOException("answer head exceeds " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** The socket's input, each read bounded by what is left of the exchange's deadline. */
    private static final class DeadlineStream extends InputStream {

        private final Socket socket;
        private final InputStream in;
        private final long deadlineNanos;

        DeadlineStream(Socket socket, long deadlineNanos) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new SocketTimeoutException("deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMillis));
            return in.read(buffer, offset, length);
        }
    }
}
