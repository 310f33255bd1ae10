package io.gridflex.gateway.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.gridflex.testsupport.TestPki;

/**
 * A stand-in VTN on loopback: the JDK's HTTPS server with its own identity, requiring a client certificate issued
 * under {@code clientCa}. Its TLS is set up from the test PKI's in-memory keys, not through the code under test, and
 * with the JDK's defaults otherwise, so the client's settings decide protocol and suite. It records the client
 * certificate of every request it answered.
 */
final class TestVtn implements AutoCloseable {

    private final HttpsServer server;
    private final List<X509Certificate> clients = new CopyOnWriteArrayList<>();

    private TestVtn(TestPki.Identity identity, TestPki clientCa) throws IOException {
        SSLContext context = clientCa.sslContext(identity);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {

            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            clients.add((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0]);
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static TestVtn start(TestPki.Identity identity, TestPki clientCa) {
        try {
            return new TestVtn(identity, clientCa);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** By IP address: the server is bound to 127.0.0.1 only, and the test certificates name it. */
    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/OpenADR2/Simple/2.0b/OadrPoll");
    }

    /** The client certificates of the requests answered, in order. */
    List<X509Certificate> clients() {
        return List.copyOf(clients);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
