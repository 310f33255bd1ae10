package io.gridflex.siteagent.miner;

import java.util.Locale;

/**
 * The miner firmwares the agent has a driver for, with the port each one's control API listens on by default. The
 * inventory names a miner's firmware as the scheme of its address, {@code braiins://10.0.4.17}.
 */
public enum Firmware {

    /** LuxOS: cgminer-style JSON over TCP, sessions for privileged commands, curtail sleep/wakeup. */
    LUXOS(4028),
    /** Braiins OS (current): REST {@code /api/v1} with a login token, pause/resume and exact power targets. */
    BRAIINS(80),
    /** Legacy Braiins OS (bosminer): cgminer-style JSON over TCP without authentication, pause/resume. */
    BOSMINER(4028),
    /** Whatsminer API v3: length-prefixed JSON over TCP, per-command tokens, service stop/start. */
    WHATSMINER(4433),
    /**
     * Whatsminer API v2 (older firmwares): cgminer-style JSON over TCP, AES-encrypted privileged commands with a
     * token, power off/on and power percent.
     */
    WHATSMINER_V2(4028),
    /** Stock Antminer (Bitmain): HTTP CGI with digest authentication, sleep mode; reports no power. */
    ANTMINER(80),
    /** Plain cgminer/bmminer API: readings only (no watts, no shed command). */
    CGMINER(4028);

    private final int defaultPort;

    Firmware(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * The name used in inventories and credentials files: the constant in lower case, '-' for '_'
     * ({@code whatsminer-v2}).
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads an inventory's firmware name, in any case, with '-' or '_' ({@code whatsminer-v2}, {@code WHATSMINER_V2}). */
    public static Firmware ofKey(String key) {
        String wanted = key == null ? "" : key.trim().replace('_', '-');
        for (Firmware firmware : values()) {
            if (firmware.key().equalsIgnoreCase(wanted)) {
                return firmware;
            }
        }
        throw new IllegalArgumentException("unknown miner firmware '" + key + "'; known: luxos, braiins, bosminer, "
                + "whatsminer, whatsminer-v2, antminer, cgminer");
    }
}
