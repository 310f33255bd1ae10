package io.gridflex.siteagent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The miners' HTTP client against a raw socket server that answers with bytes written here, as the web servers on
 * miners frame them: by length, in chunks, to the connection's end; and as broken or hostile ones do.
 */
class MinerHttpTest {

    /** What the server does with one connection, after reading the request head and body. */
    @FunctionalInterface
    private interface Answer {

        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private ServerSocket server;
    private MinerEndpoint miner;
    private volatile Answer answer;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        miner = new MinerEndpoint("127.0.0.1", server.getLocalPort());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .mapToInt(l -> Integer.parseInt(l.substring(15).strip())).findFirst().orElse(0);
            requests.add(text + new String(in.readNBytes(length), StandardCharsets.UTF_8));
            answer.write(socket.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // The client gave up: nothing to do.
        }
    }

    private static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void sendsTheRequestWithItsHeadersAndBodyAndReadsAnAnswerByItsLength() throws MinerException {
        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                + "Set-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n{\"ok\":true}trailing bytes never read");
        MinerHttp.Response response = new MinerHttp(Duration.ofSeconds(2)).send(miner, "PUT", "/api/v1/actions/pause",
                "{\"x\":1}", Map.of("Authorization", "Bearer t0k"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(response.allValues("set-cookie")).containsExactly("a=1", "b=2");
        assertThat(response.firstValue("CONTENT-TYPE")).contains("application/json");
        String request = requests.getFirst();
        assertThat(request).startsWith("PUT /api/v1/actions/pause HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + miner.port() + "\r\n", "Connection: close\r\n",
                        "Authorization: Bearer t0k\r\n", "Content-Length: 7\r\n")
                .endsWith("\r\n\r\n{\"x\":1}");
    }

    @Test
    void readsChunksWithExtensionsAndTrailersAndAnAnswerEndedByClosing() throws MinerException {
        MinerHttp http = new MinerHttp(Duration.ofSeconds(2));
        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\n"
                + "5\r\n:42}\n\r\n0\r\nX-Trailer: 1\r\n\r\n");
        assertThat(http.send(miner, "GET", "/cgi-bin/summary.cgi", null, Map.of()).body()).isEqualTo("{\"a\":42}\n");

        answer = out -> raw(out,
                "HTTP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n\r\n"
                        + "<html>401</html>");
        MinerHttp.Response unauthorized = http.send(miner, "GET", "/cgi-bin/summary.cgi", null, Map.of());
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.firstValue("www-authenticate")).contains("Digest realm=\"r\", nonce=\"n\"");
        assertThat(unauthorized.body()).isEqualTo("<html>401</html>");
        assertThat(requests.getLast()).as("a GET without a body says no length").doesNotContain("Content-Length");
    }

    @Test
    void skipsAnInterimAnswer() throws MinerException {
        answer = out -> raw(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");

        assertThat(new MinerHttp(Duration.ofSeconds(2)).send(miner, "POST", "/x", "{}", Map.of()).statusCode())
                .isEqualTo(204);
    }

    @Test
    void refusesWhatIsNotHttpTruncatedOrTooLargeNamingTheMinerAndTheRequest() {
        MinerHttp http = new MinerHttp(Duration.ofSeconds(2), 1024);
        answer = out -> raw(out, "{\"STATUS\":\"S\"}\n");
        assertThatThrownBy(() -> http.send(miner, "GET", "/a", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageStartingWith(miner + ": GET /a: ").hasMessageContaining("other than HTTP");

        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
        assertThatThrownBy(() -> http.send(miner, "GET", "/b", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("after 5 of 100 bytes");

        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
        assertThatThrownBy(() -> http.send(miner, "GET", "/c", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("exceeds 1024 bytes");

        answer = out -> raw(out, "HTTP/1.1 200 OK\r\n\r\n" + "x".repeat(5000));
        assertThatThrownBy(() -> http.send(miner, "GET", "/d", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("exceeds 1024 bytes");

        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        assertThatThrownBy(() -> http.send(miner, "GET", "/e", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("malformed chunk size");

        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nX-Flood: " + "y".repeat(70_000) + "\r\n\r\n");
        assertThatThrownBy(() -> http.send(miner, "GET", "/f", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("head exceeds");

        answer = out -> out.close();
        assertThatThrownBy(() -> http.send(miner, "GET", "/g", null, Map.of())).isInstanceOf(MinerException.class)
                .hasMessageContaining("without answering");
    }

    @Test
    void aMinerThatDripsItsAnswerIsCutOffAtTheTimeoutOfTheWholeExchange() {
        answer = out -> {
            raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            for (int i = 0; i < 1000; i++) {
                // Each byte well within a read timeout, the whole far beyond the exchange's.
                raw(out, "x");
                Thread.sleep(50);
            }
        };
        long began = System.nanoTime();

        assertThatThrownBy(() -> new MinerHttp(Duration.ofMillis(500)).send(miner, "GET", "/slow", null, Map.of()))
                .isInstanceOf(MinerException.class).hasMessageContaining("no complete answer within 500 ms");
        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(5_000L);
    }

    @Test
    void refusesAHeaderThatWouldSplitTheRequest() {
        answer = out -> raw(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        assertThatThrownBy(() -> new MinerHttp(Duration.ofSeconds(2)).send(miner, "GET", "/", null,
                Map.of("Authorization", "x\r\nX-Injected: 1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(requests).isEmpty();
    }
}
