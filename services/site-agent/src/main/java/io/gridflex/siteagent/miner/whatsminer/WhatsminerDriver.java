package io.gridflex.siteagent.miner.whatsminer;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.PowerShares;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;

/**
 * Whatsminer miners through API v3 (TCP 4433, length-prefixed JSON frames, see {@link WhatsminerTransport}).
 * <p>
 * Requests, exactly:
 * <ul>
 * <li>salt (no token): {@code {"cmd":"get.device.info","param":"salt"}} → {@code {"code":0,"msg":{"salt":"..."}}}
 * (the salt is looked for anywhere under {@code msg}); kept per miner, fetched again after an auth failure</li>
 * <li>read (no token): {@code {"cmd":"get.miner.status","param":"summary"}} → {@code msg.summary.power-realtime} (W)
 * and {@code msg.summary.hash-realtime} (TH/s; {@code hash-average} if absent), {@code msg.summary.power-limit} (W)
 * remembered as the miner's full draw for power shares</li>
 * <li>privileged: {@code {"cmd":"<cmd>","param":<param>,"ts":<epoch s>,"account":"super","token":"<8 chars>"}} with
 * the token of {@link WhatsminerToken}: sleep {@code set.miner.service} {@code "stop"}, wake {@code "start"}, power
 * share {@code set.miner.power_percent} with the share as a JSON integer 0–100 ({@code "param":50})</li>
 * </ul>
 * Every answer is {@code {"code":<int>,"when":...,"msg":...,"desc":...}}; {@code code} 0 is success, anything else a
 * {@link MinerException} with that code. An answer that speaks of the token, salt, account or permission is taken as
 * an auth failure: the salt is fetched again and the command sent once more; a second refusal is
 * {@link MinerException#UNAUTHORIZED}. The password is the credentials file's {@code whatsminer.password} (the
 * {@code super} account's); {@code whatsminer.username}, if set, replaces the account name.
 * <p>
 * A power target in watts is sent as the nearest share of the miner's full draw ({@code power-limit}, else the
 * highest draw read while it hashed), rounded up so the miner never holds less than asked; with neither known yet it
 * fails. {@code set.miner.power_limit} is never used: it restarts the miner.
 */
@ApplicationScoped
public class WhatsminerDriver implements MinerDriver {

    static final String ACCOUNT = "super";
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, true, true);

    private final Clock clock;
    private final MinerCredentials credentials;
    private final ObjectMapper mapper = new ObjectMapper();
    private final WhatsminerTransport transport;
    private final Map<MinerEndpoint, String> salts = new ConcurrentHashMap<>();
    private final PowerShares shares = new PowerShares();

    public WhatsminerDriver(DriverSettings settings) {
        this.clock = settings.clock();
        this.credentials = settings.credentials();
        this.transport = new WhatsminerTransport(settings.timeout(), mapper);
    }

    @Override
    public Firmware firmware() {
        return Firmware.WHATSMINER;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return CAPABILITIES;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode msg = checked(miner, "get.miner.status", call(miner, "get.miner.status", "summary"));
        JsonNode summary = msg.path("summary");
        if (!summary.isObject()) {
            throw new MinerException(miner + ": get.miner.status lacks msg.summary", MinerException.NO_CODE);
        }
        double watts = CgminerReplies.number(summary, "power-realtime").orElseThrow(
                () -> new MinerException(miner + ": msg.summary lacks power-realtime", MinerException.NO_CODE));
        OptionalDouble ths = CgminerReplies.number(summary, "hash-realtime");
        if (ths.isEmpty()) {
            ths = CgminerReplies.number(summary, "hash-average");
        }
        double ghs = ths.orElseThrow(() -> new MinerException(miner + ": msg.summary lacks hash-realtime",
                MinerException.NO_CODE)) * 1e3;
        shares.observe(miner, CgminerReplies.number(summary, "power-limit"), watts, ghs);
        return new MinerReading(watts, ghs, clock.instant());
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        privileged(miner, "set.miner.service", mapper.getNodeFactory().textNode("stop"));
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        privileged(miner, "set.miner.service", mapper.getNodeFactory().textNode("start"));
    }

    /** Sets a temporary power limit as a share (0–100 %) of the miner's full draw; no restart. */
    public void powerPercent(MinerEndpoint miner, int percent) throws MinerException {
        PowerShares.requireShare(miner, percent);
        privileged(miner, "set.miner.power_percent", mapper.getNodeFactory().numberNode(percent));
    }

    @Override
    public void powerTarget(MinerEndpoint miner, int watts) throws MinerException {
        powerPercent(miner, shares.percentFor(miner, watts));
    }

    @Override
    public void prepare(MinerEndpoint miner) {
        try {
            salt(miner, false);
        } catch (MinerException e) {
            // The command will fetch it itself.
        }
    }

    /** {@code get.device.info} param {@code network} → {@code msg.network.mac}. */
    @Override
    public Optional<String> hardwareId(MinerEndpoint miner) {
        try {
            JsonNode msg = checked(miner, "get.device.info", call(miner, "get.device.info", "network"));
            JsonNode network = msg.has("network") ? msg.get("network") : msg;
            return HardwareId.ofMac(network.path("mac").asText(null));
        } catch (MinerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            salt(miner, true);
            return true;
        } catch (MinerException | RuntimeException e) {
            return false;
        }
    }

    private JsonNode call(MinerEndpoint miner, String command, String param) throws MinerException {
        ObjectNode request = mapper.createObjectNode().put("cmd", command);
        if (param != null) {
            request.put("param", param);
        }
        return transport.exchange(miner, command, request.toString());
    }

    private void privileged(MinerEndpoint miner, String command, JsonNode param) throws MinerException {
        Credential credential = credentials.forMiner(Firmware.WHATSMINER, miner.host()).orElseThrow(
                () -> new MinerException(miner + ": no whatsminer password for this miner in the credentials file",
                        MinerException.UNAUTHORIZED));
        JsonNode reply = transport.exchange(miner, command, request(command, param, credential, salt(miner, false)));
        if (isAuthFailure(reply)) {
            salts.remove(miner);
            reply = transport.exchange(miner, command, request(command, param, credential, salt(miner, false)));
            if (isAuthFailure(reply)) {
                throw new MinerException(miner + ": " + command + " refused the account's token: " + describe(reply),
                        MinerException.UNAUTHORIZED);
            }
        }
        checked(miner, command, reply);
    }

    /** The request of a privileged command. Visible for tests. */
    String request(String command, JsonNode param, Credential credential, String salt) {
        long ts = clock.instant().getEpochSecond();
        String account = credential.username() == null || credential.username().isBlank()
                ? ACCOUNT
                : credential.username();
        ObjectNode request = mapper.createObjectNode().put("cmd", command);
        request.set("param", param);
        return request.put("ts", ts).put("account", account)
                .put("token", WhatsminerToken.of(command, credential.password(), salt, ts)).toString();
    }

    private String salt(MinerEndpoint miner, boolean fetch) throws MinerException {
        String known = fetch ? null : salts.get(miner);
        if (known != null) {
            return known;
        }
        JsonNode msg = checked(miner, "get.device.info", call(miner, "get.device.info", "salt"));
        JsonNode salt = msg.findValue("salt");
        if (salt == null || !salt.isTextual() || salt.asText().isEmpty()) {
            throw new MinerException(miner + ": get.device.info carries no salt", MinerException.NO_CODE);
        }
        salts.put(miner, salt.asText());
        return salt.asText();
    }

    private static boolean isAuthFailure(JsonNode reply) {
        if (code(reply) == 0) {
            return false;
        }
        String text = describe(reply).toLowerCase(Locale.ROOT);
        return text.contains("token") || text.contains("salt") || text.contains("account")
                || text.contains("permission") || text.contains("password") || text.contains("auth");
    }

    /** The answer's {@code msg} when {@code code} is 0; otherwise a failure with the miner's code. */
    private static JsonNode checked(MinerEndpoint miner, String command, JsonNode reply) throws MinerException {
        int code = code(reply);
        if (code == 0) {
            return reply.path("msg");
        }
        throw new MinerException(miner + ": " + command + " failed: " + describe(reply) + " (code "
                + (code == Integer.MIN_VALUE ? "missing" : code) + ")",
                code == Integer.MIN_VALUE ? MinerException.NO_CODE : code);
    }

    private static int code(JsonNode reply) {
        JsonNode code = reply.get("code");
        if (code == null) {
            return Integer.MIN_VALUE;
        }
        if (code.isIntegralNumber()) {
            return code.asInt();
        }
        try {
            return Integer.parseInt(code.asText().trim());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static String describe(JsonNode reply) {
        JsonNode msg = reply.path("msg");
        String text = msg.isTextual() ? msg.asText() : msg.isMissingNode() ? "" : msg.toString();
        String desc = reply.path("desc").asText("");
        String joined = (text + " " + desc).strip();
        return joined.isEmpty() ? "no message" : joined.length() > 200 ? joined.substring(0, 200) + "..." : joined;
    }
}
