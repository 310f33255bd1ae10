package io.gridflex.minersim.luxos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A bare TCP client that speaks to a miner the way nc does, and checks the connection closes after the answer. */
final class LuxosClientForTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String host;
    private final int port;

    LuxosClientForTests(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        this.host = endpoint.substring(0, colon);
        this.port = Integer.parseInt(endpoint.substring(colon + 1));
    }

    /** Sends raw bytes and returns everything up to the NUL terminator. */
    String raw(byte[] request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return readResponse(socket.getInputStream());
        }
    }

    JsonNode call(String json) throws IOException {
        return MAPPER.readTree(raw(json.getBytes(StandardCharsets.UTF_8), false));
    }

    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != 0) {
            response.write(b);
        }
        if (b != 0) {
            throw new IOException("connection closed without the NUL terminator after: " + response);
        }
        if (in.read() != -1) {
            throw new IOException("the server kept the connection open after its answer");
        }
        return response.toString(StandardCharsets.UTF_8);
    }
}
