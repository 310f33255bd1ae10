package io.gridflex.siteagent.miner.braiins;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * Braiins OS miners through their REST API ({@code http://<miner>/api/v1}):
 * <ul>
 * <li>{@code POST /api/v1/auth/login} {@code {"username":"...","password":"..."}} → {@code {"token":"...",
 * "timeout_s":3600}}; the token goes as the raw {@code Authorization} header (no scheme). A token is kept per miner
 * and renewed before {@code timeout_s} runs out, and once more on a 401 without failing the command.</li>
 * <li>sleep: {@code PUT /api/v1/actions/pause}; wake: {@code PUT /api/v1/actions/resume} (no body)</li>
 * <li>power target: {@code PUT /api/v1/performance/power-target} {@code {"watt":N}}; before a miner's first trim
 * its own target is read ({@code GET /api/v1/performance/tuner-state}), and running it in full again sets that one
 * back (the draw it had, where its own is not known)</li>
 * <li>read: {@code GET /api/v1/miner/stats} → {@code power_stats.approximated_consumption.watt}; hashrate from
 * {@code miner_stats.real_hashrate.last_5s} (or the nearest other window, or any {@code real_hashrate}/{@code hashrate}
 * found), in {@code gigahash_per_second}, {@code terahash_per_second} or {@code megahash_per_second}</li>
 * <li>identify: {@code GET /api/v1/version} answered 200 with a JSON object (no login)</li>
 * </ul>
 * Any 2xx is success. Credentials come from the credentials file ({@code braiins.username}/{@code braiins.password},
 * or per host).
 */
@ApplicationScoped
public class BraiinsDriver implements MinerDriver {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, true);
    private static final String JSON = "application/json";
    private static final List<String> HASHRATE_WINDOWS = List.of("last_5s", "last_15s", "last_1m", "last_5m",
            "last_15m", "last_30m", "last_1h", "last_24h");

    private final Duration timeout;
    private final Clock clock;
    private final MinerCredentials credentials;
    private final MinerHttp http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<MinerEndpoint, BraiinsToken> tokens = new ConcurrentHashMap<>();
    /** The power target each trimmed miner held before its first trim, as far as it said. */
    private final Map<MinerEndpoint, OptionalInt> ownTargets = new ConcurrentHashMap<>();

    public BraiinsDriver(DriverSettings settings) {
        this.timeout = settings.timeout();
        this.clock = settings.clock();
        this.credentials = settings.credentials();
        // One client for the whole fleet: it pools connections per miner and blocks only the calling virtual thread.
        this.http = new MinerHttp(timeout);
    }

    @Override
    public Firmware firmware() {
        return Firmware.BRAIINS;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return CAPABILITIES;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode stats = json(miner, "GET /api/v1/miner/stats",
                authorized(miner, "GET", "/api/v1/miner/stats", null));
        JsonNode watt = stats.path("power_stats").path("approximated_consumption").path("watt");
        if (!watt.isNumber()) {
            throw new MinerException(miner + ": miner stats lack power_stats.approximated_consumption.watt",
                    MinerException.NO_CODE);
        }
        return new MinerReading(watt.asDouble(), hashrateGhs(stats).orElseThrow(
                () -> new MinerException(miner + ": miner stats carry no hashrate", MinerException.NO_CODE)),
                clock.instant());
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        authorized(miner, "PUT", "/api/v1/actions/pause", null);
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        authorized(miner, "PUT", "/api/v1/actions/resume", null);
    }

    @Override
    public void powerTarget(MinerEndpoint miner, int watts) throws MinerException {
        if (watts <= 0) {
            throw new MinerException(miner + ": a power target must be positive, got " + watts + " W",
                    MinerException.UNSUPPORTED);
        }
        // The first trim of a hold remembers the target the miner's owner set, to go back to it (unknown: empty).
        if (!ownTargets.containsKey(miner)) {
            ownTargets.put(miner, ownTarget(miner));
        }
        setTarget(miner, watts);
    }

    private void setTarget(MinerEndpoint miner, int watts) throws MinerException {
        authorized(miner, "PUT", "/api/v1/performance/power-target", "{\"watt\":" + watts + "}");
    }

    /**
     * Back to the power target the miner held before its first trim, read from {@code GET
     * /api/v1/performance/tuner-state} ({@code power_target_mode_state.current_target.watt}); where that is not known
     * (the agent restarted, or the miner did not say), {@code fullW}, the draw it had.
     */
    @Override
    public void runInFull(MinerEndpoint miner, int fullW) throws MinerException {
        OptionalInt own = ownTargets.getOrDefault(miner, OptionalInt.empty());
        int watts = own.orElse(fullW);
        if (watts <= 0) {
            throw new MinerException(miner + ": a power target must be positive, got " + watts + " W",
                    MinerException.UNSUPPORTED);
        }
        setTarget(miner, watts);
        ownTargets.remove(miner);
    }

    /** The targets trimmed miners are to go back to follow them to their new endpoints. */
    @Override
    public void relocated(Map<MinerEndpoint, MinerEndpoint> moves) {
        // All taken out before any is put back: units that swapped addresses swap their targets.
        Map<MinerEndpoint, OptionalInt> moved = new HashMap<>();
        moves.forEach((from, to) -> Optional.ofNullable(ownTargets.remove(from)).ifPresent(own -> moved.put(to, own)));
        ownTargets.putAll(moved);
    }

    private OptionalInt ownTarget(MinerEndpoint miner) {
        try {
            JsonNode state = json(miner, "GET /api/v1/performance/tuner-state",
                    authorized(miner, "GET", "/api/v1/performance/tuner-state", null));
            JsonNode watt = state.path("power_target_mode_state").path("current_target").path("watt");
            if (!watt.isNumber()) {
                watt = state.path("power_target").path("watt");
            }
            return watt.isNumber() && watt.asInt() > 0 ? OptionalInt.of(watt.asInt()) : OptionalInt.empty();
        } catch (MinerException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void prepare(MinerEndpoint miner) {
        try {
            token(miner);
        } catch (MinerException e) {
            // The command will log in itself.
        }
    }

    /** {@code GET /api/v1/miner/details} → {@code mac_address}. */
    @Override
    public Optional<String> hardwareId(MinerEndpoint miner) {
        try {
            JsonNode details = json(miner, "GET /api/v1/miner/details",
                    authorized(miner, "GET", "/api/v1/miner/details", null));
            return HardwareId.ofMac(details.path("mac_address").asText(null));
        } catch (MinerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            MinerHttp.Response response = send(miner, "GET", "/api/v1/version", null, null);
            return response.statusCode() == 200 && mapper.readTree(response.body()).isObject();
        } catch (MinerException | IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The hashrate in GH/s, looked for where Braiins OS versions put it: {@code miner_stats.real_hashrate.<window>},
     * then any {@code real_hashrate} or {@code hashrate} object or number in the document. Visible for tests.
     */
    static OptionalDouble hashrateGhs(JsonNode stats) {
        JsonNode real = stats.path("miner_stats").path("real_hashrate");
        if (real.isMissingNode()) {
            real = find(stats, "real_hashrate");
        }
        if (real == null || real.isMissingNode()) {
            real = find(stats, "hashrate");
        }
        if (real == null) {
            return OptionalDouble.empty();
        }
        for (String window : HASHRATE_WINDOWS) {
            OptionalDouble value = rate(real.path(window));
            if (value.isPresent()) {
                return value;
            }
        }
        return rate(real);
    }

    private static OptionalDouble rate(JsonNode node) {
        if (node.isNumber()) {
            return OptionalDouble.of(node.asDouble());
        }
        if (node.path("gigahash_per_second").isNumber()) {
            return OptionalDouble.of(node.path("gigahash_per_second").asDouble());
        }
        if (node.path("terahash_per_second").isNumber()) {
            return OptionalDouble.of(node.path("terahash_per_second").asDouble() * 1e3);
        }
        if (node.path("megahash_per_second").isNumber()) {
            return OptionalDouble.of(node.path("megahash_per_second").asDouble() * 1e-3);
        }
        return OptionalDouble.empty();
    }

    private static JsonNode find(JsonNode node, String key) {
        if (node.isObject()) {
            if (node.has(key)) {
                return node.get(key);
            }
            for (var field : node.properties()) {
                JsonNode found = find(field.getValue(), key);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                JsonNode found = find(element, key);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Sends a request with the miner's token, logging in first when it has none or it is due for renewal, and once
     * more when the miner answers 401. Fails unless the answer is 2xx.
     */
    private MinerHttp.Response authorized(MinerEndpoint miner, String method, String path, String body)
            throws MinerException {
        BraiinsToken token = token(miner);
        MinerHttp.Response response = send(miner, method, path, body, token.value());
        if (response.statusCode() == 401) {
            tokens.remove(miner, token);
            response = send(miner, method, path, body, login(miner).value());
            if (response.statusCode() == 401) {
                throw new MinerException(miner + ": " + method + " " + path + " refused the fresh login token (401)",
                        MinerException.UNAUTHORIZED);
            }
        }
        return checked(miner, method + " " + path, response, true);
    }

    private BraiinsToken token(MinerEndpoint miner) throws MinerException {
        BraiinsToken token = tokens.get(miner);
        return token != null && token.fresh(clock.instant()) ? token : login(miner);
    }

    private BraiinsToken login(MinerEndpoint miner) throws MinerException {
        Credential credential = credentials.forMiner(Firmware.BRAIINS, miner.host()).orElseThrow(
                () -> new MinerException(miner + ": no braiins credentials for this miner in the credentials file",
                        MinerException.UNAUTHORIZED));
        String body = mapper.createObjectNode().put("username", credential.username())
                .put("password", credential.password()).toString();
        MinerHttp.Response response = send(miner, "POST", "/api/v1/auth/login", body, null);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new MinerException(miner + ": login refused for user '" + credential.username() + "' ("
                    + response.statusCode() + ")", MinerException.UNAUTHORIZED);
        }
        // The login's error body is not quoted: it might echo what was sent.
        JsonNode answer = json(miner, "POST /api/v1/auth/login",
                checked(miner, "POST /api/v1/auth/login", response, false));
        JsonNode value = answer.path("token");
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new MinerException(miner + ": login answer lacks a token", MinerException.NO_CODE);
        }
        BraiinsToken token = BraiinsToken.issued(value.asText(), clock.instant(),
                answer.path("timeout_s").asLong(3600));
        tokens.put(miner, token);
        return token;
    }

    private MinerHttp.Response send(MinerEndpoint miner, String method, String path, String body,
            String authorization) throws MinerException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", JSON);
        if (body != null) {
            headers.put("Content-Type", JSON);
        }
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return http.send(miner, method, path, body, headers);
    }

    private static MinerHttp.Response checked(MinerEndpoint miner, String what, MinerHttp.Response response,
            boolean quoteBody) throws MinerException {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        if (status == 404 || status == 405 || status == 501) {
            throw new MinerException(miner + ": " + what + " is not offered by this miner (" + status + ")",
                    MinerException.UNSUPPORTED);
        }
        String detail = response.body() == null || !quoteBody ? "" : response.body().strip();
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "...";
        }
        throw new MinerException(miner + ": " + what + " failed with HTTP " + status
                + (detail.isEmpty() ? "" : ": " + detail), status);
    }

    private JsonNode json(MinerEndpoint miner, String what, MinerHttp.Response response) throws MinerException {
        try {
            JsonNode node = mapper.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new MinerException(miner + ": answer to " + what + " is not a JSON object",
                        MinerException.NO_CODE);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MinerException(miner + ": answer to " + what + " is not JSON", e);
        }
    }

}
