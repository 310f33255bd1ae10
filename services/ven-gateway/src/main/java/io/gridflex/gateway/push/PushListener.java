package io.gridflex.gateway.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.gridflex.gateway.GatewayMetrics;
import io.gridflex.gateway.poll.VtnMessageHandler;
import io.gridflex.gateway.registration.RegistrationState;
import io.gridflex.gateway.tls.ClientTrust;
import io.gridflex.gateway.tls.ListenerTls;
import io.gridflex.gateway.vtn.VtnClient;
import io.gridflex.openadr.pki.Fingerprint;

/**
 * The VEN's HTTPS server for push programs (OpenADR 2.0b simpleHTTP, push): one port, client certificates required,
 * TLS 1.2 with the OpenADR suites, and per program the four services under its own root, the oadrTransportAddress
 * the program registers: {@code POST /<program id>/OpenADR2/Simple/2.0b/{EiEvent,EiReport,EiRegisterParty,EiOpt}}.
 * <p>
 * The JDK's own HTTPS server, apart from the API's HTTP server: its TLS is the OpenADR one whatever the API's, the
 * client certificate of each request is at hand to decide per program ({@link PushEndpoint}), and each request runs
 * on a virtual thread of its own, as the poll loops do, so the blocking database work of an event needs no event
 * loop. Requests that are not for a push program (404), not POST (405) or larger than the cap (413) are refused
 * unread.
 */
public final class PushListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushListener.class);
    static final String BASE_PATH = "/OpenADR2/Simple/2.0b/";
    static final Set<String> SERVICES = Set.of("EiEvent", "EiReport", "EiRegisterParty", "EiOpt");

    private final PushConfig config;
    private final ListenerTls tls;
    private final Map<String, PushEndpoint> endpoints = new ConcurrentHashMap<>();
    private HttpsServer server;
    private ExecutorService executor;

    /**
     * Reads and checks the TLS files at once, so a wrong file stops the gateway at startup.
     *
     * @param programs every push program's trust: a client certificate chaining to none of their CAs fails the
     *        handshake
     */
    public PushListener(PushConfig config, List<ClientTrust> programs) {
        this.config = config;
        this.tls = ListenerTls.load("gridflex.gateway.push", config.certificate(), config.key(), programs,
                config.protocols(), config.cipherSuites(), config.certificateCheckInterval());
    }

    /** Serves {@code program}'s services from now on, to clients its {@code trust} accepts. */
    public void serve(String program, ClientTrust trust, RegistrationState state, VtnMessageHandler messages,
            VtnClient client, PushSession session, GatewayMetrics metrics) {
        endpoints.put(program, new PushEndpoint(program, trust, state, messages, client, session, metrics));
    }

    /** Binds the port and serves. */
    public synchronized void start() {
        limitServers(config);
        try {
            server = HttpsServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new IllegalStateException("gridflex.gateway.push: cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()) {

            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(tls.sslParameters());
            }
        });
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vtn-push-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
        LOG.infof("push listener on %s:%d, certificate %s (SHA-256 %s), for program(s) %s", config.host(), port(),
                tls.certificate().getSubjectX500Principal(), Fingerprint.sha256(tls.certificate()),
                endpoints.keySet());
    }

    /**
     * The JDK's HTTP server takes its limits from system properties, read once per JVM when its first server is made:
     * the longest a request may take to arrive and its answer to be read, how long an idle connection stays, and how
     * many connections may be open. Sets those the JVM was not started with (a {@code -D} wins, and is logged). The
     * gateway makes no other server of this kind, so the listener's are the JVM's. Visible for tests.
     */
    static void limitServers(PushConfig config) {
        String requestSeconds = Long.toString(Math.max(1, config.requestTimeout().toSeconds()));
        limit("sun.net.httpserver.maxReqTime", requestSeconds);
        limit("sun.net.httpserver.maxRspTime", requestSeconds);
        limit("sun.net.httpserver.idleInterval", Long.toString(Math.max(1, config.idleTimeout().toSeconds())));
        limit("jdk.httpserver.maxConnections", Integer.toString(config.maxConnections()));
    }

    private static void limit(String property, String value) {
        String set = System.getProperty(property);
        if (set == null) {
            System.setProperty(property, value);
        } else if (!set.equals(value)) {
            LOG.warnf("push listener: %s=%s from the JVM's command line, not the configured %s", property, set, value);
        }
    }

    /** The bound port (the configured one, or the one picked for port 0). */
    public int port() {
        return server == null ? config.port() : server.getAddress().getPort();
    }

    /** What {@code program} registers as its oadrTransportAddress: the public URL and the program's root. */
    public String transportAddress(String program) {
        String base = config.publicUrl().map(URI::toString).orElseGet(() -> "https://localhost:" + port());
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/" + URLEncoder.encode(program, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(1);
            executor.close();
            server = null;
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        } catch (RuntimeException e) {
            LOG.errorf(e, "push to %s failed", exchange.getRequestURI().getPath());
            throw e;
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        int base = path.indexOf(BASE_PATH);
        if (base < 2 || !path.startsWith("/")) {
            respond(exchange, PushReply.refused(404, "not an OpenADR 2.0b push endpoint"));
            return;
        }
        String program = decode(path.substring(1, base));
        String service = path.substring(base + BASE_PATH.length());
        PushEndpoint endpoint = program == null ? null : endpoints.get(program);
        if (endpoint == null || !SERVICES.contains(service)) {
            respond(exchange, PushReply.refused(404, "no such push program or service"));
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            respond(exchange, PushReply.refused(405, "simpleHTTP services take POST only"));
            return;
        }
        int cap = config.maxRequestBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = length != null && tooLong(length, cap) ? null : in.readNBytes(cap + 1);
            if (body == null || body.length > cap) {
                // Read to the end (within reason) before answering: a server that closes while the client is still
                // sending resets the connection, and the client never sees the 413.
                drain(in, 4L * cap);
                respond(exchange, PushReply.refused(413, "larger than " + cap + " bytes"));
                return;
            }
        }
        endpoint.handle(service, peer(exchange), body, reply -> respond(exchange, reply));
    }

    /** Writes the whole response and ends the exchange, so the VTN has it before anything follows. */
    private static void respond(HttpExchange exchange, PushReply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static X509Certificate[] peer(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https)) {
            return new X509Certificate[0];
        }
        SSLSession session = https.getSSLSession();
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return new X509Certificate[0];
        }
    }

    /** Reads and drops the rest of a body, at most {@code limit} bytes: beyond that the connection is cut. */
    private static void drain(InputStream in, long limit) throws IOException {
        long dropped = 0;
        byte[] buffer = new byte[16_384];
        int read;
        while (dropped < limit && (read = in.read(buffer)) >= 0) {
            dropped += read;
        }
    }

    private static boolean tooLong(String length, int cap) {
        try {
            return Long.parseLong(length.strip()) > cap;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A program id from its path segment, or null when the segment is not properly encoded. */
    private static String decode(String segment) {
        if (segment.contains("/")) {
            return null;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
