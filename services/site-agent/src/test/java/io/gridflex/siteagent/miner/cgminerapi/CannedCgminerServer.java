package io.gridflex.siteagent.miner.cgminerapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.siteagent.miner.MinerEndpoint;

/**
 * A loopback stand-in for a cgminer-family API in unit tests: it reads each request (one JSON object per
 * connection), records it, writes the canned raw reply the test's function gives, and closes. It knows nothing of
 * any firmware; the tests' replies are written from the public API descriptions.
 */
public final class CannedCgminerServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerSocket server;
    private final Function<JsonNode, String> replies;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private CannedCgminerServer(Function<JsonNode, String> replies) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.replies = replies;
        Thread.ofVirtual().name("canned-cgminer").start(this::serve);
    }

    /** Serves {@code replies(request)} as the raw answer to each request; a null reply closes without answering. */
    public static CannedCgminerServer start(Function<JsonNode, String> replies) throws IOException {
        return new CannedCgminerServer(replies);
    }

    public MinerEndpoint endpoint() {
        return new MinerEndpoint("127.0.0.1", server.getLocalPort());
    }

    /** Every request received so far, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The {@code command} of every request so far, in order. */
    public List<String> commands() {
        return requests.stream().map(r -> r.path("command").asText()).toList();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                JsonNode request = MAPPER.readTree(readObject(socket.getInputStream()));
                requests.add(request);
                String reply = replies.apply(request);
                if (reply != null) {
                    socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // closed, or a client that gave up: serve the next one
            }
        }
    }

    /** Reads one JSON object: up to the brace that closes the first one (requests carry no braces in strings). */
    private static byte[] readObject(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int depth = 0;
        int b;
        while ((b = in.read()) != -1) {
            out.write(b);
            if (b == '{') {
                depth++;
            } else if (b == '}' && --depth == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
