package io.gridflex.siteagent.miner.antminer;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.siteagent.miner.Capabilities;
import io.gridflex.siteagent.miner.DriverSettings;
import io.gridflex.siteagent.miner.Firmware;
import io.gridflex.siteagent.miner.HardwareId;
import io.gridflex.siteagent.miner.MinerCredentials;
import io.gridflex.siteagent.miner.MinerCredentials.Credential;
import io.gridflex.siteagent.miner.MinerDriver;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.MinerHttp;
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.cgminerapi.CgminerJson;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;

/**
 * Stock Antminer (Bitmain) firmware through its web CGI ({@code http://<miner>/cgi-bin/...}) with HTTP digest
 * authentication (user {@code root} unless the credentials file names another):
 * <ul>
 * <li>sleep: {@code GET /cgi-bin/get_miner_conf.cgi} → the full config (a JSON object), then
 * {@code POST /cgi-bin/set_miner_conf.cgi} with that object and {@code "miner-mode": 1} (JSON body); wake: the same
 * with {@code 0}. The value keeps the config's own type (a string if it had {@code "miner-mode":"0"}, else a number).
 * A JSON answer with {@code "stats"} other than {@code "success"} is a failure; a non-JSON 2xx answer is taken as
 * accepted (the agent verifies by the hashrate and the meter anyway).</li>
 * <li>read: {@code GET /cgi-bin/summary.cgi} → {@code SUMMARY[0].rate_5s} in {@code rate_unit} (GH/s by default), or
 * cgminer's {@code "GHS 5s"}; when that page is missing (404), {@code GET /cgi-bin/stats.cgi} → the first
 * {@code STATS} element with {@code rate_5s} or {@code "GHS 5s"}. No power: {@link MinerReading#withoutPower}.</li>
 * <li>identify: {@code GET /cgi-bin/get_system_info.cgi} answered 200 with a JSON object.</li>
 * </ul>
 * The digest challenge is kept per miner and reused with an incrementing nonce count, so a request is normally one
 * round trip; a 401 (stale nonce) takes a fresh challenge and one retry, a second 401 is
 * {@link MinerException#UNAUTHORIZED}. Getting a miner ready for a shed ({@link #prepare}) reads its config ahead: the
 * sleep or wake that follows within {@link #CONFIG_FRESH_FOR} posts that config and is then one request, not two, in
 * the second that thousands of commands share. It is used once; any later command reads the config again.
 */
@ApplicationScoped
public class AntminerDriver implements MinerDriver {

    static final String DEFAULT_USER = "root";
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, false);
    private static final int SLEEP_MODE = 1;
    private static final int NORMAL_MODE = 0;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long a config read ahead of a shed is posted back as it was: a little more than the agent prepares ahead. */
    static final Duration CONFIG_FRESH_FOR = Duration.ofSeconds(15);

    /** A config read ahead of a command, and when. */
    private record ReadAhead(JsonNode config, Instant at) {
    }

    /** The challenge a miner last sent and how many requests used it. */
    private record Nonce(DigestChallenge challenge, AtomicInteger count) {
    }

    private final Duration timeout;
    private final Clock clock;
    private final MinerCredentials credentials;
    private final MinerHttp http;
    private final Map<MinerEndpoint, Nonce> nonces = new ConcurrentHashMap<>();
    private final Map<MinerEndpoint, ReadAhead> readAhead = new ConcurrentHashMap<>();

    public AntminerDriver(DriverSettings settings) {
        this.timeout = settings.timeout();
        this.clock = settings.clock();
        this.credentials = settings.credentials();
        this.http = new MinerHttp(timeout);
    }

    @Override
    public Firmware firmware() {
        return Firmware.ANTMINER;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return CAPABILITIES;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        MinerHttp.Response summary = exchange(miner, "GET", "/cgi-bin/summary.cgi", null);
        if (summary.statusCode() == 404) {
            JsonNode stats = json(miner, "/cgi-bin/stats.cgi",
                    checked(miner, "GET /cgi-bin/stats.cgi", exchange(miner, "GET", "/cgi-bin/stats.cgi", null)));
            for (JsonNode element : stats.path("STATS")) {
                OptionalDouble rate = rateGhs(element);
                if (rate.isPresent()) {
                    return MinerReading.withoutPower(rate.getAsDouble(), clock.instant());
                }
            }
            throw new MinerException(miner + ": stats.cgi carries no hashrate", MinerException.NO_CODE);
        }
        JsonNode reply = json(miner, "/cgi-bin/summary.cgi", checked(miner, "GET /cgi-bin/summary.cgi", summary));
        JsonNode first = reply.path("SUMMARY").isArray() ? reply.path("SUMMARY").path(0) : reply.path("SUMMARY");
        return MinerReading.withoutPower(rateGhs(first).orElseThrow(
                () -> new MinerException(miner + ": summary.cgi carries no hashrate", MinerException.NO_CODE)),
                clock.instant());
    }

    /** The hashrate of a summary or stats element in GH/s. Visible for tests. */
    static OptionalDouble rateGhs(JsonNode element) {
        if (!element.isObject()) {
            return OptionalDouble.empty();
        }
        OptionalDouble rate = CgminerReplies.number(element, "rate_5s");
        if (rate.isPresent()) {
            String unit = element.path("rate_unit").asText("GH/s").toUpperCase(Locale.ROOT);
            double factor = unit.startsWith("TH") ? 1e3 : unit.startsWith("MH") ? 1e-3 : 1;
            return OptionalDouble.of(rate.getAsDouble() * factor);
        }
        OptionalDouble ghs = CgminerReplies.number(element, "GHS 5s");
        return ghs.isPresent() ? ghs : CgminerReplies.number(element, "GHS av");
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        setMode(miner, SLEEP_MODE);
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        setMode(miner, NORMAL_MODE);
    }

    /** Reads the miner's config, for the sleep or wake command that follows soon. */
    @Override
    public void prepare(MinerEndpoint miner) {
        try {
            readAhead.put(miner, new ReadAhead(config(miner), clock.instant()));
        } catch (MinerException | RuntimeException e) {
            // The command will read it itself.
        }
    }

    private JsonNode config(MinerEndpoint miner) throws MinerException {
        return json(miner, "/cgi-bin/get_miner_conf.cgi", checked(miner, "GET /cgi-bin/get_miner_conf.cgi",
                exchange(miner, "GET", "/cgi-bin/get_miner_conf.cgi", null)));
    }

    private void setMode(MinerEndpoint miner, int mode) throws MinerException {
        ReadAhead ahead = readAhead.remove(miner);
        JsonNode conf = ahead != null && ahead.at().plus(CONFIG_FRESH_FOR).isAfter(clock.instant())
                ? ahead.config()
                : config(miner);
        ObjectNode updated = ((ObjectNode) conf).deepCopy();
        if (updated.path("miner-mode").isTextual()) {
            updated.put("miner-mode", Integer.toString(mode));
        } else {
            updated.put("miner-mode", mode);
        }
        MinerHttp.Response answer = checked(miner, "POST /cgi-bin/set_miner_conf.cgi",
                exchange(miner, "POST", "/cgi-bin/set_miner_conf.cgi", updated.toString()));
        JsonNode result;
        try {
            result = CgminerJson.parse(answer.body(), List.of("set_miner_conf"));
        } catch (CgminerJson.MalformedReplyException e) {
            return;
        }
        String stats = result.path("stats").asText("success");
        if (!stats.equalsIgnoreCase("success")) {
            throw new MinerException(miner + ": set_miner_conf.cgi refused miner-mode " + mode + ": "
                    + result.path("msg").asText(stats) + " (" + result.path("code").asText("no code") + ")",
                    MinerException.NO_CODE);
        }
    }

    /** {@code GET /cgi-bin/get_system_info.cgi} → {@code macaddr}. */
    @Override
    public Optional<String> hardwareId(MinerEndpoint miner) {
        try {
            MinerHttp.Response response = exchange(miner, "GET", "/cgi-bin/get_system_info.cgi", null);
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return HardwareId.ofMac(json(miner, "get_system_info.cgi", response).path("macaddr").asText(null));
        } catch (MinerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            MinerHttp.Response response = exchange(miner, "GET", "/cgi-bin/get_system_info.cgi", null);
            return response.statusCode() == 200 && json(miner, "get_system_info.cgi", response).isObject();
        } catch (MinerException | RuntimeException e) {
            return false;
        }
    }

    /** One request with digest authentication, taking a fresh challenge once when the miner answers 401. */
    private MinerHttp.Response exchange(MinerEndpoint miner, String method, String path, String body)
            throws MinerException {
        Credential credential = credentials.forMiner(Firmware.ANTMINER, miner.host()).orElseThrow(
                () -> new MinerException(miner + ": no antminer password for this miner in the credentials file",
                        MinerException.UNAUTHORIZED));
        String user = credential.username() == null || credential.username().isBlank()
                ? DEFAULT_USER
                : credential.username();
        Nonce nonce = nonces.get(miner);
        MinerHttp.Response response = send(miner, method, path, body,
                nonce == null ? null : authorization(nonce, user, credential.password(), method, path));
        if (response.statusCode() != 401) {
            return response;
        }
        DigestChallenge challenge = response.allValues("WWW-Authenticate").stream()
                .map(DigestChallenge::parse).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new MinerException(miner + ": " + method + " " + path
                        + " answered 401 without a digest challenge", MinerException.UNAUTHORIZED));
        if (challenge.qop() != null && !challenge.offersAuth()) {
            throw new MinerException(miner + ": the digest challenge offers no qop=auth (" + challenge.qop() + ")",
                    MinerException.UNSUPPORTED);
        }
        Nonce fresh = new Nonce(challenge, new AtomicInteger());
        nonces.put(miner, fresh);
        response = send(miner, method, path, body, authorization(fresh, user, credential.password(), method, path));
        if (response.statusCode() == 401) {
            nonces.remove(miner, fresh);
            throw new MinerException(miner + ": " + method + " " + path + ": digest login refused for user '" + user
                    + "'", MinerException.UNAUTHORIZED);
        }
        return response;
    }

    private static String authorization(Nonce nonce, String user, String password, String method, String path) {
        byte[] cnonce = new byte[8];
        RANDOM.nextBytes(cnonce);
        return DigestAuth.header(nonce.challenge(), user, password, method, path, nonce.count().incrementAndGet(),
                HexFormat.of().formatHex(cnonce));
    }

    private MinerHttp.Response send(MinerEndpoint miner, String method, String path, String body,
            String authorization) throws MinerException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return http.send(miner, method, path, body, headers);
    }

    private static MinerHttp.Response checked(MinerEndpoint miner, String what, MinerHttp.Response response)
            throws MinerException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        throw new MinerException(miner + ": " + what + " failed with HTTP " + status,
                status == 404 ? MinerException.UNSUPPORTED : status);
    }

    private static JsonNode json(MinerEndpoint miner, String what, MinerHttp.Response response)
            throws MinerException {
        try {
            JsonNode node = CgminerJson.parse(response.body() == null ? "" : response.body(), List.of(what));
            if (!node.isObject()) {
                throw new MinerException(miner + ": " + what + " is not a JSON object", MinerException.NO_CODE);
            }
            return node;
        } catch (CgminerJson.MalformedReplyException e) {
            throw new MinerException(miner + ": " + what + " is " + e.getMessage(), MinerException.NO_CODE);
        }
    }

}
