package io.gridflex.minersim.braiins;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.ApiOptions;
import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.MinerApi;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Faults;
import io.gridflex.minersim.net.HttpEndpoint;
import io.gridflex.minersim.net.HttpRequest;
import io.gridflex.minersim.net.HttpResponse;
import io.gridflex.minersim.net.Json;

/**
 * The Braiins OS public REST API ({@code /api/v1}, port 80 on real hardware) of one simulated miner.
 * <p>
 * Wire shapes (JSON field names a driver relies on):
 * <ul>
 * <li>{@code POST /api/v1/auth/login {"username","password"}} → 200 {@code {"token":"<16 chars>","timeout_s":3600}};
 * wrong credentials → 401. Every other call needs the token as the raw {@code Authorization} header (no
 * {@code Bearer}); missing, unknown or expired → 401 {@code {"message"}}.</li>
 * <li>{@code PUT /api/v1/actions/pause} → 200 {@code {"already_paused":bool}}; {@code PUT /api/v1/actions/resume} →
 * 200 {@code {"already_running":bool}}.</li>
 * <li>{@code PUT /api/v1/performance/power-target {"watt":N}} → 200 {@code {"watt":N}}; the draw ramps to N W (at the
 * warm-up rate going up, the sleep-ramp rate going down, in proportion to the swing). N outside the model's
 * {@code min..max} (35 %..115 % of nominal) or not an integer → 400 {@code {"message":"..."}}.
 * {@code GET /api/v1/performance/power-target} → {@code {"watt":N}}.</li>
 * <li>{@code GET /api/v1/performance/tuner-state} → {@code {"overall_tuner_state":"TUNER_STATE_STABLE",
 * "power_target_mode_state":{"current_target":{"watt":N}}}}: the target the miner holds.</li>
 * <li>{@code GET /api/v1/configuration/constraints} →
 * {@code {"tuner_constraints":{"power_target":{"min":{"watt"},"default":{"watt"},"max":{"watt"}}}}}.</li>
 * <li>{@code GET /api/v1/miner/stats} → {@code {"miner_stats":{"real_hashrate":{"last_5s":{"gigahash_per_second"},
 * "last_15m":{...}},"nominal_hashrate":{...}},"power_stats":{"approximated_consumption":{"watt":W},
 * "efficiency":{"joule_per_terahash"}}}}.</li>
 * <li>{@code GET /api/v1/version} (no login) → {@code {"major","minor","patch","pre","build"}}: the REST API's
 * version.</li>
 * <li>{@code GET /api/v1/miner/details} → {@code {"uid","hostname","mac_address","miner_identity":{"brand","model","name"},
 * "bos_mode":"BOS_MODE_NAND","bos_version":{"current","major","bos_plus"},"status":"MINER_STATUS_NORMAL"
 * | "MINER_STATUS_PAUSED","system_uptime_s","sticker_hashrate":{"gigahash_per_second"}}}}: {@code bos_version} is how
 * an agent recognises Braiins OS.</li>
 * </ul>
 */
public final class BraiinsRestServer implements MinerApi {

    /** What the simulator reports as its Braiins OS version; the suffix shows a person it is simulated. */
    public static final String BOS_VERSION = "25.01-gridflex-sim";
    private static final String API = "/api/v1";
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int TOKEN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimulatedMiner miner;
    private final String password;
    private final Duration tokenTtl;
    private final Map<String, Instant> tokens = new HashMap<>();
    private final HttpEndpoint http;

    public BraiinsRestServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        this.miner = miner;
        this.password = options.password(Firmware.BRAIINS);
        this.tokenTtl = options.tokenTtl();
        this.http = new HttpEndpoint(miner, host, port, options.readTimeout(), options.maxRequestBytes(),
                this::handle);
    }

    @Override
    public String host() {
        return http.host();
    }

    @Override
    public int port() {
        return http.port();
    }

    @Override
    public boolean isListening() {
        return http.isListening();
    }

    @Override
    public void close() {
        http.close();
    }

    HttpResponse handle(HttpRequest request) {
        String path = request.path();
        if (!path.startsWith(API + "/")) {
            return message(404, "no such resource: " + path);
        }
        String resource = path.substring(API.length());
        if (resource.equals("/auth/login")) {
            return request.method().equals("POST") ? login(request) : message(405, "use POST");
        }
        if (resource.equals("/version")) {
            // The API's own version answers without a login: how a client tells a Braiins OS REST API apart.
            return request.method().equals("GET")
                    ? ok(Json.object().put("major", 1).put("minor", 2).put("patch", 0).put("pre", "").put("build", ""))
                    : message(405, "use GET");
        }
        if (!authorised(request.header("authorization"))) {
            return message(401, "missing, unknown or expired token: log in again");
        }
        return switch (request.method() + " " + resource) {
            case "PUT /actions/pause" -> pause();
            case "PUT /actions/resume" -> resume();
            case "PUT /performance/power-target" -> setPowerTarget(request);
            case "GET /performance/power-target" -> ok(Json.object().put("watt", Math.round(miner.powerLevelW())));
            case "GET /performance/tuner-state" -> tunerState();
            case "GET /configuration/constraints" -> constraints();
            case "GET /miner/stats" -> stats();
            case "GET /miner/details" -> details();
            default -> switch (resource) {
                case "/actions/pause", "/actions/resume", "/performance/power-target", "/miner/stats",
                        "/miner/details", "/configuration/constraints", "/performance/tuner-state" ->
                    message(405, "method not allowed");
                default -> message(404, "no such resource: " + path);
            };
        };
    }

    private HttpResponse login(HttpRequest request) {
        JsonNode body = Json.parseOrNull(request.bodyText());
        if (body == null || !body.isObject() || !body.path("username").isTextual()
                || !body.path("password").isTextual()) {
            return message(400, "expected {\"username\": \"...\", \"password\": \"...\"}");
        }
        if (Faults.refusesCredentials(miner) || !body.get("username").asText().equals(Firmware.BRAIINS.user())
                || !body.get("password").asText().equals(password)) {
            return message(401, "invalid username or password");
        }
        StringBuilder token = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        Instant now = miner.clock().instant();
        synchronized (tokens) {
            tokens.values().removeIf(now::isAfter);
            tokens.put(token.toString(), now.plus(tokenTtl));
        }
        return ok(Json.object().put("token", token.toString()).put("timeout_s", tokenTtl.toSeconds()));
    }

    private boolean authorised(String token) {
        if (token == null || Faults.refusesCredentials(miner)) {
            return false;
        }
        Instant now = miner.clock().instant();
        synchronized (tokens) {
            for (Iterator<Instant> expiries = tokens.values().iterator(); expiries.hasNext();) {
                if (!now.isBefore(expiries.next())) {
                    expiries.remove();
                }
            }
            return tokens.containsKey(token.trim());
        }
    }

    private HttpResponse pause() {
        boolean wasAwake = miner.isAwake();
        miner.sleep();
        return ok(Json.object().put("already_paused", !wasAwake));
    }

    private HttpResponse resume() {
        boolean changed = miner.wakeUp();
        return ok(Json.object().put("already_running", !changed));
    }

    private HttpResponse setPowerTarget(HttpRequest request) {
        JsonNode body = Json.parseOrNull(request.bodyText());
        if (body == null || !body.path("watt").canConvertToLong() || !body.path("watt").isIntegralNumber()) {
            return message(400, "expected {\"watt\": <integer>}");
        }
        long watt = body.get("watt").asLong();
        int min = miner.model().minPowerTargetW();
        int max = miner.model().maxPowerTargetW();
        if (watt < min || watt > max) {
            return message(400, "power target " + watt + " W is out of range: " + min + ".." + max + " W for "
                    + miner.model().displayName());
        }
        miner.setPowerLevel(watt);
        return ok(Json.object().put("watt", watt));
    }

    private HttpResponse tunerState() {
        ObjectNode root = Json.object();
        root.put("overall_tuner_state", "TUNER_STATE_STABLE");
        root.putObject("power_target_mode_state").putObject("current_target").put("watt",
                Math.round(miner.powerLevelW()));
        return ok(root);
    }

    private HttpResponse constraints() {
        ObjectNode root = Json.object();
        ObjectNode target = root.putObject("tuner_constraints").putObject("power_target");
        target.putObject("min").put("watt", miner.model().minPowerTargetW());
        target.putObject("default").put("watt", Math.round(miner.model().runningWatts()));
        target.putObject("max").put("watt", miner.model().maxPowerTargetW());
        return ok(root);
    }

    private HttpResponse stats() {
        double ghs = Json.round2(miner.hashrateThs() * 1000.0);
        double watts = miner.powerW();
        ObjectNode root = Json.object();
        ObjectNode minerStats = root.putObject("miner_stats");
        ObjectNode real = minerStats.putObject("real_hashrate");
        real.putObject("last_5s").put("gigahash_per_second", ghs);
        real.putObject("last_15m").put("gigahash_per_second", ghs);
        minerStats.putObject("nominal_hashrate").put("gigahash_per_second", miner.model().hashrateThs() * 1000.0);
        ObjectNode power = root.putObject("power_stats");
        power.putObject("approximated_consumption").put("watt", Math.round(watts));
        double ths = ghs / 1000.0;
        power.putObject("efficiency").put("joule_per_terahash", ths > 0 ? Json.round2(watts / ths) : 0.0);
        return ok(root);
    }

    private HttpResponse details() {
        ObjectNode root = Json.object();
        root.put("uid", miner.id());
        root.put("hostname", miner.id());
        root.put("mac_address", miner.mac());
        ObjectNode identity = root.putObject("miner_identity");
        identity.put("brand", miner.model().brand());
        identity.put("model", miner.model().displayName());
        identity.put("name", miner.model().displayName());
        root.put("bos_mode", "BOS_MODE_NAND");
        ObjectNode version = root.putObject("bos_version");
        version.put("current", BOS_VERSION);
        version.put("major", "25.01");
        version.put("bos_plus", true);
        root.put("status", miner.isAwake() ? "MINER_STATUS_NORMAL" : "MINER_STATUS_PAUSED");
        root.put("system_uptime_s", miner.elapsedSeconds());
        root.putObject("sticker_hashrate").put("gigahash_per_second", miner.model().hashrateThs() * 1000.0);
        return ok(root);
    }

    private static HttpResponse ok(ObjectNode body) {
        return HttpResponse.json(200, Json.write(body));
    }

    private static HttpResponse message(int status, String message) {
        return HttpResponse.json(status, Json.write(Json.object().put("message", message)));
    }
}
