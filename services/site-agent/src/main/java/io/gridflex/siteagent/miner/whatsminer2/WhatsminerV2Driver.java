package io.gridflex.siteagent.miner.whatsminer2;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

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
import io.gridflex.siteagent.miner.MinerReading;
import io.gridflex.siteagent.miner.PowerShares;
import io.gridflex.siteagent.miner.cgminerapi.CgminerJson;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;
import io.gridflex.siteagent.miner.cgminerapi.CgminerTransport;

/**
 * Whatsminer miners through API v2 (TCP 4028, older firmwares): cgminer-style JSON, one request per connection, over
 * the tolerant {@link CgminerTransport}. Requests, exactly:
 * <ul>
 * <li>read (plain): {@code {"cmd":"summary"}} → {@code SUMMARY[0].Power} (W; {@code Power_RT} if absent) and
 * {@code "MHS 5s"} (MH/s; or another of the usual hashrate fields); {@code "Power Limit"} (W), where the firmware
 * reports it, is remembered as the miner's full draw for power shares</li>
 * <li>token (plain): {@code {"cmd":"get_token"}} → {@code {"STATUS":"S","Code":134,"Msg":{"time","salt","newsalt"}}};
 * kept per miner and used for at most {@link WhatsminerV2Token#USE_FOR} of the ~30 min the miner honours it</li>
 * <li>privileged: {@code {"enc":1,"data":"<base64>"}} where data is the AES-256-ECB encryption of
 * {@code {"cmd":"<cmd>",<params>,"token":"<sign>"}} (see {@link WhatsminerV2Crypto} for the key and sign): sleep
 * {@code power_off} with {@code "respbefore":"true"}, wake {@code power_on}, power share {@code set_power_pct} with
 * {@code "percent":"<0-100>"} (a string)</li>
 * </ul>
 * A privileged answer is {@code {"enc":"<base64>"}}, decrypted to {@code {"STATUS":"S","Code":131,...}}, or a plain
 * status. {@code STATUS} other than S/I is a {@link MinerException} with the miner's {@code Code}. Code 135 (token
 * check failed), 136 (token used too often), or an encrypted answer that does not decrypt with the key, mean the
 * token was refused: a new one is fetched and the command sent once more; a second refusal is
 * {@link MinerException#UNAUTHORIZED} (most likely a wrong password). Code 45 means the miner's API write access is
 * disabled, which only the owner can change on the miner; the message says so. The password is the credentials
 * file's {@code whatsminer-v2.password} (the miner's {@code admin} password); the token, sign and keys never leave
 * the driver.
 * <p>
 * {@code identifies} asks for a token (only Whatsminer API v2 answers {@code get_token} with salts; LuxOS, bosminer
 * and plain cgminer refuse a {@code cmd} request), and keeps it, so a scan also readies the miner. A power target in
 * watts is sent as the nearest share of the full draw rounded up ({@link PowerShares}). {@code adjust_power_limit} is
 * never used: it reboots the miner.
 */
@ApplicationScoped
public class WhatsminerV2Driver implements MinerDriver {

    /** A token check that failed: wrong password, or a token the miner no longer holds. */
    static final int TOKEN_CHECK_FAILED = 135;
    /** A token used more often than the miner allows, or (from {@code get_token}) too many tokens handed out. */
    static final int TOKEN_OVER_MAX_TIMES = 136;
    /** The miner's API write access is disabled. */
    static final int PERMISSION_DENIED = 45;
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, true, true);

    private final CgminerTransport transport;
    private final Clock clock;
    private final MinerCredentials credentials;
    private final Map<MinerEndpoint, WhatsminerV2Token> tokens = new ConcurrentHashMap<>();
    private final PowerShares shares = new PowerShares();

    public WhatsminerV2Driver(DriverSettings settings) {
        this.transport = new CgminerTransport(settings.timeout());
        this.clock = settings.clock();
        this.credentials = settings.credentials();
    }

    @Override
    public Firmware firmware() {
        return Firmware.WHATSMINER_V2;
    }

    @Override
    public Capabilities capabilities(MinerEndpoint miner) {
        return CAPABILITIES;
    }

    @Override
    public MinerReading read(MinerEndpoint miner) throws MinerException {
        JsonNode reply = transport.exchange(miner, "summary", plain("summary"));
        CgminerReplies.checkStatus(miner, "summary", reply);
        JsonNode summary = CgminerReplies.section(miner, reply, "summary", "SUMMARY");
        OptionalDouble power = CgminerReplies.number(summary, "Power");
        if (power.isEmpty()) {
            power = CgminerReplies.number(summary, "Power_RT");
        }
        double watts = power.orElseThrow(
                () -> new MinerException(miner + ": SUMMARY lacks Power", MinerException.NO_CODE));
        double ghs = CgminerReplies.hashrateGhs(miner, summary);
        shares.observe(miner, CgminerReplies.number(summary, "Power Limit"), watts, ghs);
        return new MinerReading(watts, ghs, clock.instant());
    }

    @Override
    public void sleep(MinerEndpoint miner) throws MinerException {
        privileged(miner, "power_off", "respbefore", "true");
    }

    @Override
    public void wake(MinerEndpoint miner) throws MinerException {
        privileged(miner, "power_on");
    }

    /** Sets a temporary power limit as a share (0–100 %) of the miner's full draw; no reboot. */
    public void powerPercent(MinerEndpoint miner, int percent) throws MinerException {
        PowerShares.requireShare(miner, percent);
        privileged(miner, "set_power_pct", "percent", Integer.toString(percent));
    }

    @Override
    public void powerTarget(MinerEndpoint miner, int watts) throws MinerException {
        powerPercent(miner, shares.percentFor(miner, watts));
    }

    @Override
    public void prepare(MinerEndpoint miner) {
        WhatsminerV2Token held = tokens.get(miner);
        if (held != null && held.freshAt(clock.instant())) {
            return;
        }
        try {
            token(miner, true);
        } catch (MinerException | RuntimeException e) {
            // The command will fetch one itself.
        }
    }

    /**
     * {@code get_miner_info} with the fields named ({@code info}: some versions write a trailing comma without) →
     * {@code Msg.mac}.
     */
    @Override
    public Optional<String> hardwareId(MinerEndpoint miner) {
        try {
            String request = CgminerJson.mapper().createObjectNode().put("cmd", "get_miner_info")
                    .put("info", "ip,proto,hostname,mac").toString();
            JsonNode reply = transport.exchange(miner, "get_miner_info", request);
            return HardwareId.ofMac(reply.path("Msg").path("mac").asText(null));
        } catch (MinerException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean identifies(MinerEndpoint miner) {
        try {
            token(miner, true);
            return true;
        } catch (MinerException | RuntimeException e) {
            return false;
        }
    }

    private static String plain(String command) {
        return CgminerJson.mapper().createObjectNode().put("cmd", command).toString();
    }

    /** Sends a privileged command with the held token; once more with a new token if the miner refuses it. */
    private void privileged(MinerEndpoint miner, String command, String... params) throws MinerException {
        Credential credential = credentials.forMiner(Firmware.WHATSMINER_V2, miner.host()).orElseThrow(
                () -> new MinerException(miner + ": no " + Firmware.WHATSMINER_V2.key()
                        + " password for this miner in the credentials file", MinerException.UNAUTHORIZED));
        String refusal = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            WhatsminerV2Token token = token(miner, attempt > 1);
            try {
                JsonNode reply = send(miner, command, params, credential, token);
                int code = code(reply);
                if (code != TOKEN_CHECK_FAILED && code != TOKEN_OVER_MAX_TIMES) {
                    checked(miner, command, reply);
                    return;
                }
                refusal = describe(reply);
            } catch (KeyMismatch e) {
                refusal = e.getMessage();
            }
            tokens.remove(miner, token);
        }
        throw new MinerException(miner + ": " + command + " refused the token twice (" + refusal
                + "); check the miner's " + Firmware.WHATSMINER_V2.key() + " password in the credentials file",
                MinerException.UNAUTHORIZED);
    }

    private JsonNode send(MinerEndpoint miner, String command, String[] params, Credential credential,
            WhatsminerV2Token token) throws MinerException {
        WhatsminerV2Crypto.Keys keys = WhatsminerV2Crypto.keys(credential.password(), token.salt(), token.time(),
                token.newsalt());
        JsonNode reply = transport.exchange(miner, command, request(command, keys, params));
        JsonNode sealed = reply.get("enc");
        if (sealed == null || !sealed.isTextual()) {
            // errors may come unencrypted
            return reply;
        }
        try {
            JsonNode answer = CgminerJson.parse(WhatsminerV2Crypto.decrypt(keys.aesKey(), sealed.asText()),
                    List.of(command));
            if (answer != null && answer.isObject()) {
                return answer;
            }
        } catch (IllegalArgumentException | CgminerJson.MalformedReplyException e) {
            // below
        }
        throw new KeyMismatch(miner + ": the encrypted answer to " + command + " does not decrypt with the key");
    }

    /** The encrypted request {@code {"enc":1,"data":"..."}} of a privileged command. Visible for tests. */
    static String request(String command, WhatsminerV2Crypto.Keys keys, String... params) {
        ObjectNode inner = CgminerJson.mapper().createObjectNode().put("cmd", command);
        for (int i = 0; i + 1 < params.length; i += 2) {
            inner.put(params[i], params[i + 1]);
        }
        inner.put("token", keys.sign());
        return CgminerJson.mapper().createObjectNode().put("enc", 1)
                .put("data", WhatsminerV2Crypto.encrypt(keys.aesKey(), inner.toString())).toString();
    }

    /** The held token while it is usable, else (or when {@code fetch}) a new one from the miner. */
    private WhatsminerV2Token token(MinerEndpoint miner, boolean fetch) throws MinerException {
        WhatsminerV2Token held = fetch ? null : tokens.get(miner);
        if (held != null && held.usableAt(clock.instant())) {
            return held;
        }
        JsonNode reply = transport.exchange(miner, "get_token", plain("get_token"));
        if (code(reply) == TOKEN_OVER_MAX_TIMES) {
            throw new MinerException(miner + ": get_token refused: the miner has handed out as many tokens as it "
                    + "allows (" + describe(reply) + ")", TOKEN_OVER_MAX_TIMES);
        }
        CgminerReplies.checkStatus(miner, "get_token", reply);
        JsonNode msg = reply.path("Msg");
        String time = msg.path("time").asText("");
        String salt = msg.path("salt").asText("");
        String newsalt = msg.path("newsalt").asText("");
        if (time.isBlank() || !WhatsminerV2Crypto.isSalt(salt) || !WhatsminerV2Crypto.isSalt(newsalt)) {
            throw new MinerException(miner + ": get_token answer lacks a time, salt or newsalt",
                    MinerException.NO_CODE);
        }
        WhatsminerV2Token token = new WhatsminerV2Token(time, salt, newsalt, clock.instant());
        tokens.put(miner, token);
        return token;
    }

    /** Fails unless the answer's status is success; write access disabled (45) says so. */
    private static void checked(MinerEndpoint miner, String command, JsonNode reply) throws MinerException {
        if (code(reply) == PERMISSION_DENIED) {
            throw new MinerException(miner + ": " + command + " refused: API write access is disabled on this "
                    + "miner; its owner must enable it in the miner's settings (" + describe(reply) + ")",
                    PERMISSION_DENIED);
        }
        CgminerReplies.checkStatus(miner, command, reply);
    }

    /** The object holding {@code STATUS}, {@code Code} and {@code Msg}: the answer itself, or its STATUS[0]. */
    private static JsonNode status(JsonNode reply) {
        JsonNode status = reply.path("STATUS");
        return status.isArray() ? status.path(0) : status.isObject() ? status : reply;
    }

    private static int code(JsonNode reply) {
        return status(reply).path("Code").asInt(MinerException.NO_CODE);
    }

    private static String describe(JsonNode reply) {
        JsonNode msg = status(reply).path("Msg");
        String text = msg.isTextual() ? msg.asText() : msg.isMissingNode() ? "no message" : msg.toString();
        text = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return text + ", code " + code(reply);
    }

    /** An encrypted answer that the key made from the configured password does not decrypt. */
    private static final class KeyMismatch extends MinerException {

        KeyMismatch(String message) {
            super(message, MinerException.UNAUTHORIZED);
        }
    }
}
