package io.gridflex.minersim.whatsminer2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Faults;
import io.gridflex.minersim.net.Json;
import io.gridflex.minersim.net.OneRequestApiServer;

/**
 * What a Whatsminer API v2 miner answers, request text in, answer text out; see {@link WhatsminerV2ApiServer} for the
 * wire shapes. Thread-safe: the tokens handed out are the miner's only shared state. Its crypto (md5-crypt, the AES
 * key, sealing) is the simulator's own, checked against OpenSSL's in the tests.
 */
final class WhatsminerV2Commands implements OneRequestApiServer.Dialect {

    /** How long the miner honours a token after handing it out. */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    /** How many unexpired tokens the miner keeps; {@code get_token} beyond that is refused with code 136. */
    static final int MAX_TOKENS = 32;
    /** The lowest power share the boards can hold; {@code set_power_pct} below it is a command error. */
    static final int MIN_PERCENT = 10;
    static final String FIRMWARE_VERSION = "20210322.22.REL-gridflex-sim";
    private static final String SALT_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Set<String> PRIVILEGED = Set.of("power_off", "power_on", "set_power_pct",
            "adjust_power_limit", "reboot", "restart_btminer", "update_pools", "set_led", "set_low_power");

    /** A token handed out: the sign a request must carry, and when the miner forgets it. */
    private record Issued(String sign, Instant expires) {
    }

    private final SimulatedMiner miner;
    private final String password;
    private final String salt;
    private final SplittableRandom random;
    private final List<Issued> issued = new ArrayList<>();
    /** The hash part of md5-crypt(password, salt), and sha256 of it: made on first use, not per miner at start. */
    private String passwordHash;
    private byte[] aesKey;

    WhatsminerV2Commands(SimulatedMiner miner, String password) {
        this.miner = miner;
        this.password = password;
        this.random = new SplittableRandom(miner.id().hashCode() * 0x2545F4914F6CDD1DL);
        this.salt = randomSalt(random);
    }

    @Override
    public String unreadable(String detail) {
        return write(status("E", 23, "invalid JSON message"));
    }

    @Override
    public String answer(String text) {
        JsonNode request = Json.parseOrNull(text);
        if (request == null || !request.isObject()) {
            return write(status("E", 23, "invalid JSON message"));
        }
        if (request.has("enc")) {
            return privileged(request);
        }
        JsonNode cmd = request.has("cmd") ? request.get("cmd") : request.path("command");
        String name = cmd.isTextual() ? cmd.asText().trim() : "";
        return switch (name) {
            case "summary" -> write(summary());
            case "get_token" -> write(getToken());
            case "get_miner_info" -> write(minerInfo());
            default -> write(PRIVILEGED.contains(name)
                    ? status("E", 45, "Permission denied")
                    : status("E", 14, "invalid cmd"));
        };
    }

    private ObjectNode summary() {
        ObjectNode r = Json.object();
        ObjectNode head = r.putArray("STATUS").addObject();
        head.put("STATUS", "S");
        head.put("When", now().getEpochSecond());
        head.put("Code", 11);
        head.put("Msg", "Summary");
        head.put("Description", "btminer");
        ObjectNode s = r.putArray("SUMMARY").addObject();
        double mhs = Json.round2(miner.hashrateThs() * 1e6);
        double share = miner.hashrateThs() / miner.model().hashrateThs();
        s.put("Elapsed", miner.elapsedSeconds());
        s.put("MHS av", mhs);
        s.put("MHS 5s", mhs);
        s.put("MHS 1m", mhs);
        s.put("MHS 5m", mhs);
        s.put("MHS 15m", mhs);
        s.put("Accepted", 0);
        s.put("Rejected", 0);
        s.put("Temperature", Json.round2(30 + 45 * share));
        s.put("Fan Speed In", miner.isAwake() ? 4620 : 0);
        s.put("Fan Speed Out", miner.isAwake() ? 4590 : 0);
        s.put("Power", Math.round(miner.powerW()));
        s.put("Power_RT", Math.round(miner.powerW()));
        s.put("Power Limit", Math.round(miner.model().runningWatts()));
        s.put("Factory GHS", Math.round(miner.model().hashrateThs() * 1000));
        s.put("Power Mode", "Normal");
        s.put("Firmware Version", FIRMWARE_VERSION);
        return r;
    }

    /** The miner's network facts: {@code Msg} is an object here, not a string. */
    private ObjectNode minerInfo() {
        ObjectNode r = Json.object();
        r.put("STATUS", "S");
        r.put("When", now().getEpochSecond());
        r.put("Code", 131);
        ObjectNode msg = r.putObject("Msg");
        msg.put("proto", "dhcp");
        msg.put("hostname", miner.id());
        msg.put("mac", miner.mac());
        msg.put("ledstat", "auto");
        return r;
    }

    private ObjectNode getToken() {
        Instant now = now();
        String newsalt;
        synchronized (this) {
            issued.removeIf(t -> !t.expires().isAfter(now));
            if (issued.size() >= MAX_TOKENS) {
                return status("E", 136, "over max connect");
            }
            newsalt = randomSalt(random);
        }
        String time = "%04d".formatted(now.getEpochSecond() % 10_000);
        String sign = hashPart(Md5Crypt.crypt(passwordHash() + time, newsalt));
        synchronized (this) {
            issued.add(new Issued(sign, now.plus(TOKEN_LIFETIME)));
        }
        ObjectNode r = status("S", 134, "");
        ObjectNode msg = r.putObject("Msg");
        msg.put("time", time);
        msg.put("salt", salt);
        msg.put("newsalt", newsalt);
        return r;
    }

    private String privileged(JsonNode request) {
        if (!miner.hasWriteAccess()) {
            return write(status("E", 45, "Permission denied"));
        }
        JsonNode data = request.path("data");
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(data.asText(""));
        } catch (IllegalArgumentException e) {
            return write(status("E", 23, "invalid JSON message"));
        }
        if (!data.isTextual() || sealed.length == 0 || sealed.length % 16 != 0) {
            return write(status("E", 23, "invalid JSON message"));
        }
        JsonNode inner = Json.parseOrNull(unseal(aesKey(), sealed));
        if (inner == null || !inner.isObject() || Faults.refusesCredentials(miner)
                || !honours(inner.path("token").asText(""))) {
            // Undecipherable (another key: a wrong password), or no token the miner handed out and still keeps.
            return write(status("E", 135, "check token err"));
        }
        ObjectNode r = Json.object();
        r.put("enc", seal(aesKey(), Json.write(command(inner))));
        return Json.write(r);
    }

    private ObjectNode command(JsonNode inner) {
        switch (inner.path("cmd").asText("")) {
            case "power_off" -> miner.sleep();
            case "power_on" -> miner.wakeUp();
            case "set_power_pct" -> {
                JsonNode value = inner.path("percent");
                int percent;
                try {
                    percent = value.isIntegralNumber() ? value.asInt() : Integer.parseInt(value.asText().trim());
                } catch (NumberFormatException e) {
                    return status("E", 132, "command error: percent must be an integer 0-100");
                }
                if (percent < MIN_PERCENT || percent > 100) {
                    return status("E", 132, "command error: percent " + percent + " is outside " + MIN_PERCENT
                            + "-100");
                }
                miner.setPowerLevel(miner.model().runningWatts() * percent / 100.0);
            }
            default -> {
                return status("E", 14, "invalid cmd");
            }
        }
        return status("S", 131, "API command OK");
    }

    private boolean honours(String sign) {
        Instant now = now();
        synchronized (this) {
            issued.removeIf(t -> !t.expires().isAfter(now));
            return issued.stream().anyMatch(t -> t.sign().equals(sign));
        }
    }

    /** base64 of the AES-256-ECB encryption of the text's UTF-8 bytes, NUL-padded to whole blocks. */
    static String seal(byte[] key, String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[(plain.length + 15) / 16 * 16];
        System.arraycopy(plain, 0, padded, 0, plain.length);
        return Base64.getEncoder().encodeToString(aes(Cipher.ENCRYPT_MODE, key, padded));
    }

    /** The text of whole AES blocks, trailing NULs dropped (whatever they decrypt to with this key). */
    static String unseal(byte[] key, byte[] blocks) {
        byte[] plain = aes(Cipher.DECRYPT_MODE, key, blocks);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] aes(int mode, byte[] key, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES-256-ECB", e);
        }
    }

    /** The AES key of a password and its salt: sha256 of the hash part of md5-crypt(password, salt). */
    static byte[] keyOf(String password, String salt) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(hashPart(Md5Crypt.crypt(password, salt)).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private synchronized String passwordHash() {
        if (passwordHash == null) {
            passwordHash = hashPart(Md5Crypt.crypt(password, salt));
        }
        return passwordHash;
    }

    private synchronized byte[] aesKey() {
        if (aesKey == null) {
            aesKey = keyOf(password, salt);
        }
        return aesKey;
    }

    /** What follows the last '$' of {@code $1$<salt>$<hash>}. */
    static String hashPart(String crypt) {
        return crypt.substring(crypt.lastIndexOf('$') + 1);
    }

    private static String randomSalt(SplittableRandom random) {
        StringBuilder s = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            s.append(SALT_ALPHABET.charAt(random.nextInt(SALT_ALPHABET.length())));
        }
        return s.toString();
    }

    private Instant now() {
        return miner.clock().instant();
    }

    /** A flat status answer, as get_token, errors and privileged answers are written. */
    private ObjectNode status(String severity, int code, String message) {
        ObjectNode r = Json.object();
        r.put("STATUS", severity);
        r.put("When", now().getEpochSecond());
        r.put("Code", code);
        r.put("Msg", message);
        r.put("Description", "");
        return r;
    }

    /** The answer's text; a quirky miner ends it with the {@code ",}"} cgminer's family is known for. */
    private String write(ObjectNode answer) {
        String json = Json.write(answer);
        return miner.isQuirky() ? json.substring(0, json.length() - 1) + ",}" : json;
    }
}
