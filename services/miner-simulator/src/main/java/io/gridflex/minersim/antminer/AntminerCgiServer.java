package io.gridflex.minersim.antminer;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * The stock Bitmain Antminer web CGI (HTTP port 80 on real hardware) of one simulated miner. Every page needs HTTP
 * digest authentication (MD5, realm {@value DigestAuth#REALM}, user {@code root}); a missing or wrong one gets 401
 * with a {@code WWW-Authenticate: Digest ...} challenge.
 * <ul>
 * <li>{@code GET /cgi-bin/get_system_info.cgi} → {@code {"minertype":"Antminer S19 XP","firmware_type":"Release",
 * "system_filesystem_version","firmware_version","hostname","macaddr","serinum"}}: {@code minertype} and
 * {@code firmware_version} identify a stock Antminer.</li>
 * <li>{@code GET /cgi-bin/get_miner_conf.cgi} → the full config: {@code {"pools":[{"url","user","pass"}],
 * "api-listen":true,"api-network":false,"bitmain-fan-ctrl":false,"bitmain-fan-pwm":"100","freq-level":"100",
 * "miner-mode":0}}.</li>
 * <li>{@code POST /cgi-bin/set_miner_conf.cgi} with the full config as JSON → {@code {"stats":"success","code":"M000",
 * "msg":"OK!"}}. {@code "miner-mode"}: 0 normal (wake to nominal), 1 sleep, 3 low power (70 % of nominal). A body
 * that is not JSON, lacks {@code pools} (not the full config) or has another mode → 400 {@code {"stats":"error",
 * "code":"M001","msg":"..."}} and nothing changes.</li>
 * <li>{@code GET /cgi-bin/summary.cgi} → {@code {"STATUS":{"STATUS":"S","when","Msg":"summary"},"INFO":{"type"},
 * "SUMMARY":[{"elapsed","rate_5s","rate_30m","rate_avg","rate_ideal","rate_unit":"GH/s"}]}};
 * {@code GET /cgi-bin/stats.cgi} → the same frame with {@code "STATS":[{"elapsed","rate_5s","rate_avg","rate_unit",
 * "chain_num","fan_num","fan":[...]}]}. No power figure anywhere: read a PDU or the site meter.</li>
 * </ul>
 */
public final class AntminerCgiServer implements MinerApi {

    /** Low-power mode runs the boards at this share of nominal power. */
    public static final double LOW_POWER_SHARE = 0.7;
    static final String FIRMWARE_VERSION = "Thu Jan  7 12:00:00 CST 2025 (gridflex-sim)";

    private final SimulatedMiner miner;
    private final DigestAuth auth;
    private final HttpEndpoint http;
    private volatile int mode;

    public AntminerCgiServer(SimulatedMiner miner, String host, int port, ApiOptions options) {
        this.miner = miner;
        this.auth = new DigestAuth(Firmware.ANTMINER.user(), options.password(Firmware.ANTMINER), miner.clock());
        this.mode = miner.isAwake() ? 0 : 1;
        this.http = new HttpEndpoint(miner, host, port, options.readTimeout(), Math.max(65536,
                options.maxRequestBytes()), this::handle);
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

    private HttpResponse handle(HttpRequest request) {
        DigestAuth.Outcome outcome = auth.check(request.method(), request.header("authorization"),
                Faults.refusesCredentials(miner));
        if (outcome != DigestAuth.Outcome.OK) {
            return new HttpResponse(401,
                    Map.of("WWW-Authenticate", auth.challenge(outcome == DigestAuth.Outcome.STALE),
                            "Content-Type", "text/html"),
                    "<html><body>401 Unauthorized</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return switch (request.method() + " " + request.path()) {
            case "GET /cgi-bin/get_system_info.cgi" -> ok(systemInfo());
            case "GET /cgi-bin/get_miner_conf.cgi" -> ok(config());
            case "POST /cgi-bin/set_miner_conf.cgi" -> setConfig(request);
            case "GET /cgi-bin/summary.cgi" -> ok(summary());
            case "GET /cgi-bin/stats.cgi" -> ok(stats());
            default -> HttpResponse.json(404, "{\"stats\":\"error\",\"code\":\"M404\",\"msg\":\"not found\"}");
        };
    }

    private ObjectNode systemInfo() {
        ObjectNode r = Json.object();
        r.put("minertype", miner.model().displayName());
        r.put("nettype", "DHCP");
        r.put("netdevice", "eth0");
        r.put("macaddr", miner.mac());
        r.put("hostname", "Antminer");
        r.put("system_mode", "GNU/Linux");
        r.put("system_kernel_version", "Linux 4.9.113 #1 SMP PREEMPT");
        r.put("system_filesystem_version", FIRMWARE_VERSION);
        r.put("firmware_version", FIRMWARE_VERSION);
        r.put("firmware_type", "Release");
        r.put("serinum", miner.id());
        return r;
    }

    private ObjectNode config() {
        ObjectNode c = Json.object();
        ObjectNode pool = c.putArray("pools").addObject();
        pool.put("url", "stratum+tcp://pool.gridflex.invalid:700");
        pool.put("user", "gridflex." + miner.id());
        pool.put("pass", "x");
        c.put("api-listen", true);
        c.put("api-network", false);
        c.put("bitmain-fan-ctrl", false);
        c.put("bitmain-fan-pwm", "100");
        c.put("freq-level", "100");
        c.put("miner-mode", mode);
        return c;
    }

    private HttpResponse setConfig(HttpRequest request) {
        JsonNode body = Json.parseOrNull(request.bodyText());
        if (body == null || !body.isObject()) {
            return refused("the body is not a JSON config");
        }
        if (!body.path("pools").isArray()) {
            return refused("not a full config: \"pools\" is missing");
        }
        JsonNode modeNode = body.path("miner-mode");
        int newMode;
        if (modeNode.isIntegralNumber()) {
            newMode = modeNode.asInt();
        } else if (modeNode.isTextual() && modeNode.asText().matches("\\d")) {
            newMode = Integer.parseInt(modeNode.asText());
        } else {
            return refused("\"miner-mode\" must be 0, 1 or 3");
        }
        synchronized (this) {
            switch (newMode) {
                case 0 -> {
                    miner.setPowerLevel(miner.model().runningWatts());
                    miner.wakeUp();
                }
                case 1 -> miner.sleep();
                case 3 -> {
                    miner.setPowerLevel(miner.model().runningWatts() * LOW_POWER_SHARE);
                    miner.wakeUp();
                }
                default -> {
                    return refused("\"miner-mode\" must be 0, 1 or 3");
                }
            }
            mode = newMode;
        }
        return ok(Json.object().put("stats", "success").put("code", "M000").put("msg", "OK!"));
    }

    private static HttpResponse refused(String message) {
        return HttpResponse.json(400, Json.write(Json.object().put("stats", "error").put("code", "M001")
                .put("msg", message)));
    }

    private ObjectNode frame(String what) {
        ObjectNode r = Json.object();
        ObjectNode status = r.putObject("STATUS");
        status.put("STATUS", "S");
        status.put("when", miner.clock().instant().getEpochSecond());
        status.put("Msg", what);
        status.put("api_version", "1.0.0");
        ObjectNode info = r.putObject("INFO");
        info.put("miner_version", "uart_trans.1.3");
        info.put("CompileTime", FIRMWARE_VERSION);
        info.put("type", miner.model().displayName());
        return r;
    }

    private ObjectNode summary() {
        double ghs = Json.round2(miner.hashrateThs() * 1000.0);
        ObjectNode r = frame("summary");
        ObjectNode s = r.putArray("SUMMARY").addObject();
        s.put("elapsed", miner.elapsedSeconds());
        s.put("rate_5s", ghs);
        s.put("rate_30m", ghs);
        s.put("rate_avg", ghs);
        s.put("rate_ideal", miner.model().hashrateThs() * 1000.0);
        s.put("rate_unit", "GH/s");
        s.put("hw_all", 0);
        return r;
    }

    private ObjectNode stats() {
        double ghs = Json.round2(miner.hashrateThs() * 1000.0);
        ObjectNode r = frame("stats");
        ObjectNode s = r.putArray("STATS").addObject();
        s.put("elapsed", miner.elapsedSeconds());
        s.put("rate_5s", ghs);
        s.put("rate_avg", ghs);
        s.put("rate_unit", "GH/s");
        s.put("chain_num", 3);
        s.put("fan_num", 4);
        ArrayNode fans = s.putArray("fan");
        for (int i = 0; i < 4; i++) {
            fans.add(miner.isAwake() ? 4800 : 0);
        }
        return r;
    }

    private static HttpResponse ok(ObjectNode body) {
        return HttpResponse.json(200, Json.write(body));
    }
}
