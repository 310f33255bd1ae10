package io.gridflex.siteagent.miner.braiins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.gridflex.siteagent.ShiftableClock;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerReading;

/**
 * The Braiins OS REST driver against a loopback HTTP server that answers as the public API description says: login
 * issues tokens, every other endpoint wants the current one as the raw Authorization header.
 */
class BraiinsDriverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STATS = """
            {"miner_stats":{"ideal_hashrate":{"gigahash_per_second":200000},
             "real_hashrate":{"last_5s":{"gigahash_per_second":198765.4},"last_15s":{"gigahash_per_second":1}}},
             "power_stats":{"approximated_consumption":{"watt":3412},"efficiency":{"joule_per_terahash":17.2}}}""";

    record Seen(String method, String path, String authorization, String body) {
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<String, Boolean> validTokens = new ConcurrentHashMap<>();
    private volatile long timeoutS = 3600;
    private volatile Function<Seen, Integer> authorizedStatus = s -> 204;
    private final ShiftableClock clock = new ShiftableClock();
    private BraiinsDriver driver;
    private MinerEndpoint miner;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        miner = new MinerEndpoint("127.0.0.1", server.getAddress().getPort());
        driver = driverWith("root", "s3cret pass");
    }

    private BraiinsDriver driverWith(String user, String password) {
        Properties credentials = new Properties();
        credentials.setProperty("braiins.username", user);
        credentials.setProperty("braiins.password", password);
        return new BraiinsDriver(new DriverSettings(Duration.ofSeconds(2), clock, MinerCredentials.of(credentials)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        seen.add(request);
        if (request.path().equals("/api/v1/version") && request.method().equals("GET")) {
            respond(exchange, 200, "{\"major\":1,\"minor\":2,\"patch\":0}");
            return;
        }
        if (request.path().equals("/api/v1/auth/login") && request.method().equals("POST")) {
            var login = MAPPER.readTree(body);
            if (!login.path("username").asText().equals("root")
                    || !login.path("password").asText().equals("s3cret pass")) {
                respond(exchange, 401, "{\"message\":\"bad credentials\"}");
                return;
            }
            String token = "tok-" + logins.incrementAndGet();
            validTokens.put(token, true);
            respond(exchange, 200, "{\"token\":\"" + token + "\",\"timeout_s\":" + timeoutS + "}");
            return;
        }
        if (request.authorization() == null || !validTokens.containsKey(request.authorization())) {
            respond(exchange, 401, "{\"message\":\"unauthenticated\"}");
            return;
        }
        if (request.path().equals("/api/v1/miner/stats") && request.method().equals("GET")) {
            respond(exchange, 200, STATS);
            return;
        }
        if (List.of("/api/v1/actions/pause", "/api/v1/actions/resume", "/api/v1/performance/power-target")
                .contains(request.path()) && request.method().equals("PUT")) {
            respond(exchange, authorizedStatus.apply(request), "");
            return;
        }
        respond(exchange, 404, "{\"message\":\"not found\"}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private List<String> calls() {
        return seen.stream().map(s -> s.method() + " " + s.path()).toList();
    }

    @Test
    void logsInOnceAndSendsTheTokenAsTheRawAuthorizationHeader() throws MinerException {
        driver.sleep(miner);
        driver.wake(miner);

        assertThat(calls()).containsExactly("POST /api/v1/auth/login", "PUT /api/v1/actions/pause",
                "PUT /api/v1/actions/resume");
        assertThat(seen.get(0).body()).isEqualTo("{\"username\":\"root\",\"password\":\"s3cret pass\"}");
        assertThat(seen.get(1).authorization()).isEqualTo("tok-1");
        assertThat(seen.get(2).authorization()).isEqualTo("tok-1");
    }

    @Test
    void logsInAgainOnA401WithoutFailingTheShed() throws MinerException {
        driver.sleep(miner);
        validTokens.clear();

        driver.wake(miner);

        assertThat(calls()).containsExactly("POST /api/v1/auth/login", "PUT /api/v1/actions/pause",
                "PUT /api/v1/actions/resume", "POST /api/v1/auth/login", "PUT /api/v1/actions/resume");
        assertThat(seen.getLast().authorization()).isEqualTo("tok-2");
    }

    @Test
    void renewsTheTokenBeforeItExpires() throws MinerException {
        timeoutS = 100;
        driver.sleep(miner);
        clock.jumpTo(Instant.now().plusSeconds(85));
        driver.wake(miner);
        clock.jumpTo(Instant.now().plusSeconds(95));

        driver.sleep(miner);

        assertThat(logins.get()).isEqualTo(2);
        assertThat(calls()).containsExactly("POST /api/v1/auth/login", "PUT /api/v1/actions/pause",
                "PUT /api/v1/actions/resume", "POST /api/v1/auth/login", "PUT /api/v1/actions/pause");
        assertThat(seen.getLast().authorization()).isEqualTo("tok-2");
    }

    @Test
    void refusedCredentialsAreUnauthorizedAndNeverQuoted() {
        BraiinsDriver wrong = driverWith("root", "not-the-password");
        assertThatThrownBy(() -> wrong.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("login refused").hasMessageNotContaining("not-the-password")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
        assertThat(calls()).containsExactly("POST /api/v1/auth/login");
        BraiinsDriver none = new BraiinsDriver(new DriverSettings(Duration.ofSeconds(2), clock,
                MinerCredentials.none()));
        assertThatThrownBy(() -> none.wake(miner)).isInstanceOf(MinerException.class)
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
    }

    @Test
    void aTokenRefusedRightAfterLoginIsUnauthorizedNotALoop() {
        authorizedStatus = s -> 204;
        validTokens.clear();
        server.removeContext("/");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(exchange.getRequestMethod(), path, null, ""));
            exchange.getRequestBody().readAllBytes();
            respond(exchange, path.equals("/api/v1/auth/login") ? 200 : 401,
                    path.equals("/api/v1/auth/login") ? "{\"token\":\"t\",\"timeout_s\":3600}" : "");
        });

        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
        assertThat(calls()).hasSize(4);
    }

    @Test
    void readsTheApproximatedConsumptionAndHashrate() throws MinerException {
        MinerReading reading = driver.read(miner);

        assertThat(reading.powerW()).isEqualTo(3412.0);
        assertThat(reading.powerReported()).isTrue();
        assertThat(reading.hashrateGhs()).isEqualTo(198765.4);
        assertThat(calls()).endsWith("GET /api/v1/miner/stats");
    }

    @Test
    void findsTheHashrateWhereverAVersionPutsIt() throws Exception {
        assertThat(BraiinsDriver.hashrateGhs(MAPPER.readTree(
                "{\"miner_stats\":{\"real_hashrate\":{\"last_15s\":{\"terahash_per_second\":150.5}}}}")))
                .hasValue(150_500.0);
        assertThat(BraiinsDriver.hashrateGhs(MAPPER.readTree("{\"stats\":{\"real_hashrate\":{\"last_1m\":"
                + "{\"megahash_per_second\":2000}}}}"))).hasValue(2.0);
        assertThat(BraiinsDriver.hashrateGhs(MAPPER.readTree("{\"summary\":{\"hashrate\":123.0}}"))).hasValue(123.0);
        assertThat(BraiinsDriver.hashrateGhs(MAPPER.readTree("{\"power_stats\":{}}"))).isEmpty();
    }

    @Test
    void setsAnExactPowerTarget() throws MinerException {
        driver.powerTarget(miner, 2800);

        assertThat(seen.getLast().path()).isEqualTo("/api/v1/performance/power-target");
        assertThat(seen.getLast().method()).isEqualTo("PUT");
        assertThat(seen.getLast().body()).isEqualTo("{\"watt\":2800}");
        assertThatThrownBy(() -> driver.powerTarget(miner, 0)).isInstanceOf(MinerException.class);
    }

    @Test
    void aRefusedCommandIsAnExceptionWithTheHttpStatus() {
        authorizedStatus = s -> 409;

        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("HTTP 409")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(409));
    }

    @Test
    void identifiesABraiinsApiAndNothingElse() {
        assertThat(driver.identifies(miner)).isTrue();
        server.removeContext("/");
        server.createContext("/", exchange -> respond(exchange, 404, "<html>not found</html>"));

        assertThat(driver.identifies(miner)).isFalse();
    }
}
