package io.gridflex.siteagent.miner.antminer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The stock Antminer driver against a loopback CGI server that checks digest authentication itself (the RFC 2617
 * formula, computed here independently of the driver's code).
 */
class AntminerDriverTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REALM = "antMiner Configuration";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private HttpServer server;
    private MinerEndpoint miner;
    private AntminerDriver driver;
    private volatile String nonce = "n0nce-1";
    private volatile String conf = "{\"pools\":[{\"url\":\"stratum+tcp://pool:3333\",\"user\":\"w\",\"pass\":\"x\"}],"
            + "\"bitmain-fan-ctrl\":false,\"bitmain-fan-pwm\":\"100\",\"miner-mode\":0,\"freq-level\":\"100\"}";
    private volatile String summary = "{\"STATUS\":{\"STATUS\":\"S\",\"when\":1,\"Msg\":\"summary\"},"
            + "\"INFO\":{\"miner_version\":\"49.0.1.3\",\"type\":\"Antminer S19j Pro\"},\"SUMMARY\":[{\"elapsed\":99,"
            + "\"rate_5s\":104.5,\"rate_30m\":100.1,\"rate_unit\":\"TH/s\"}]}";
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        miner = new MinerEndpoint("127.0.0.1", server.getAddress().getPort());
        driver = driverWith("root-pass");
    }

    private AntminerDriver driverWith(String password) {
        Properties credentials = new Properties();
        credentials.setProperty("antminer.password", password);
        return new AntminerDriver(new DriverSettings(Duration.ofSeconds(2),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), MinerCredentials.of(credentials)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean authorized = authorized(method, exchange.getRequestHeaders().getFirst("Authorization"));
        calls.add(method + " " + path + (authorized ? "" : " (401)"));
        if (!authorized) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                    + "\", qop=\"auth\"");
            respond(exchange, 401, "401 Unauthorized");
            return;
        }
        switch (method + " " + path) {
            case "GET /cgi-bin/get_miner_conf.cgi" -> respond(exchange, 200, conf);
            case "POST /cgi-bin/set_miner_conf.cgi" -> {
                posted.add(body);
                respond(exchange, 200, "{\"stats\":\"success\",\"code\":\"M000\",\"msg\":\"OK!\"}");
            }
            case "GET /cgi-bin/summary.cgi" -> respond(exchange, summary == null ? 404 : 200,
                    summary == null ? "" : summary);
            case "GET /cgi-bin/stats.cgi" -> respond(exchange, 200, "{\"STATUS\":{\"STATUS\":\"S\"},\"STATS\":["
                    + "{\"BMMiner\":\"2.0.0\"}{\"GHS 5s\":\"13500.25\",\"GHS av\":13000}],}");
            case "GET /cgi-bin/get_system_info.cgi" -> respond(exchange, 200,
                    "{\"minertype\":\"Antminer S19j Pro\",\"hostname\":\"Antminer\"}");
            default -> respond(exchange, 404, "");
        }
    }

    /** RFC 2617 with qop=auth, written out here from the RFC rather than taken from the driver. */
    private boolean authorized(String method, String header) {
        if (header == null || !header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new HashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!"root".equals(p.get("username")) || !nonce.equals(p.get("nonce")) || !REALM.equals(p.get("realm"))) {
            return false;
        }
        String ha1 = md5("root:" + REALM + ":root-pass");
        String ha2 = md5(method + ":" + p.get("uri"));
        return md5(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2)
                .equals(p.get("response"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void sleepsByPostingTheWholeConfigWithMinerModeOneAndWakesWithZero() throws Exception {
        driver.sleep(miner);
        driver.wake(miner);

        assertThat(calls).containsExactly("GET /cgi-bin/get_miner_conf.cgi (401)", "GET /cgi-bin/get_miner_conf.cgi",
                "POST /cgi-bin/set_miner_conf.cgi", "GET /cgi-bin/get_miner_conf.cgi",
                "POST /cgi-bin/set_miner_conf.cgi");
        var sleeping = MAPPER.readTree(posted.get(0));
        assertThat(sleeping.path("miner-mode").isInt()).isTrue();
        assertThat(sleeping.path("miner-mode").asInt()).isEqualTo(1);
        assertThat(sleeping.path("pools").path(0).path("url").asText()).isEqualTo("stratum+tcp://pool:3333");
        assertThat(sleeping.path("bitmain-fan-pwm").asText()).isEqualTo("100");
        assertThat(MAPPER.readTree(posted.get(1)).path("miner-mode").asInt()).isZero();
    }

    @Test
    void aConfigReadAheadMakesTheNextCommandOnePostOnceAndIsReadAgainWhenStale() throws Exception {
        ShiftableClock clock = new ShiftableClock();
        Properties credentials = new Properties();
        credentials.setProperty("antminer.password", "root-pass");
        AntminerDriver prepared = new AntminerDriver(
                new DriverSettings(Duration.ofSeconds(2), clock, MinerCredentials.of(credentials)));

        prepared.prepare(miner);
        calls.clear();
        prepared.sleep(miner);
        assertThat(calls).as("the config read ahead is posted").containsExactly("POST /cgi-bin/set_miner_conf.cgi");
        assertThat(MAPPER.readTree(posted.getFirst()).path("miner-mode").asInt()).isEqualTo(1);

        calls.clear();
        prepared.wake(miner);
        assertThat(calls).as("used once").containsExactly("GET /cgi-bin/get_miner_conf.cgi",
                "POST /cgi-bin/set_miner_conf.cgi");

        prepared.prepare(miner);
        conf = "{\"pools\":[{\"url\":\"stratum+tcp://other:3333\"}],\"miner-mode\":0}";
        clock.jumpTo(clock.instant().plus(AntminerDriver.CONFIG_FRESH_FOR).plusSeconds(1));
        calls.clear();
        prepared.sleep(miner);
        assertThat(calls).as("too old: read again").containsExactly("GET /cgi-bin/get_miner_conf.cgi",
                "POST /cgi-bin/set_miner_conf.cgi");
        assertThat(MAPPER.readTree(posted.getLast()).path("pools").path(0).path("url").asText())
                .isEqualTo("stratum+tcp://other:3333");
    }

    @Test
    void keepsAStringMinerModeAString() throws Exception {
        conf = "{\"pools\":[],\"miner-mode\":\"0\"}";

        driver.sleep(miner);

        assertThat(MAPPER.readTree(posted.getFirst()).path("miner-mode").asText()).isEqualTo("1");
        assertThat(MAPPER.readTree(posted.getFirst()).path("miner-mode").isTextual()).isTrue();
    }

    @Test
    void takesAFreshChallengeWhenTheNonceChanges() throws Exception {
        driver.read(miner);
        nonce = "n0nce-2";

        driver.read(miner);

        assertThat(calls).containsExactly("GET /cgi-bin/summary.cgi (401)", "GET /cgi-bin/summary.cgi",
                "GET /cgi-bin/summary.cgi (401)", "GET /cgi-bin/summary.cgi");
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndNeverQuoted() {
        AntminerDriver wrong = driverWith("not-root-pass");
        assertThatThrownBy(() -> wrong.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageNotContaining("not-root-pass")
                .satisfies(e -> assertThat(((MinerException) e).code()).isEqualTo(MinerException.UNAUTHORIZED));
        assertThat(posted).isEmpty();
    }

    @Test
    void readsTheHashrateWithoutPower() throws Exception {
        MinerReading reading = driver.read(miner);

        assertThat(reading.powerReported()).isFalse();
        assertThat(reading.powerW()).isNaN();
        assertThat(reading.hashrateGhs()).isEqualTo(104_500.0);
    }

    @Test
    void fallsBackToStatsWhereSummaryIsMissingAndToleratesItsQuirks() throws Exception {
        summary = null;

        assertThat(driver.read(miner).hashrateGhs()).isEqualTo(13500.25);
    }

    @Test
    void identifiesByTheSystemInfoPage() {
        assertThat(driver.identifies(miner)).isTrue();
        server.removeContext("/");
        server.createContext("/", exchange -> respond(exchange, 404, ""));
        assertThat(driver.identifies(miner)).isFalse();
    }

    @Test
    void refusesToSleepWhenTheMinerRefusesTheConfig() {
        server.removeContext("/");
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");
                respond(exchange, 401, "");
            } else if (exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 200, "{\"miner-mode\":0}");
            } else {
                respond(exchange, 200, "{\"stats\":\"error\",\"code\":\"M001\",\"msg\":\"Invalid config\"}");
            }
        });

        assertThatThrownBy(() -> driver.sleep(miner)).isInstanceOf(MinerException.class)
                .hasMessageContaining("Invalid config");
    }
}
