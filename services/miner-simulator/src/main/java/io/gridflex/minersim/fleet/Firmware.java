package io.gridflex.minersim.fleet;

/**
 * The miner firmwares (and their control APIs) the simulator speaks, each on the port real hardware uses. One
 * simulated miner runs one firmware and serves one API.
 */
public enum Firmware {

    /** LUXminer: cgminer-style JSON over TCP with sessions, {@code curtail sleep|wakeup}, {@code power}. */
    LUXOS(4028, "root", ""),
    /** Braiins OS REST API {@code /api/v1} over HTTP: token login, pause/resume, exact power target. */
    BRAIINS(80, "root", "root"),
    /** Legacy Braiins OS (bosminer): cgminer-style JSON over TCP, no auth, {@code pause}/{@code resume}/{@code tunerstatus}. */
    BOSMINER(4028, "", ""),
    /** Whatsminer API v3: length-prefixed JSON frames over TCP, per-command tokens for account {@code super}. */
    WHATSMINER(4433, "super", "super"),
    /**
     * Whatsminer API v2 (older firmwares): cgminer-style JSON over TCP, privileged commands AES-256-ECB encrypted with
     * a token from {@code get_token} for account {@code admin}.
     */
    WHATSMINER_V2(4028, "admin", "admin"),
    /** Stock Bitmain Antminer web CGI over HTTP with digest auth: sleep and low-power by config rewrite, no watts. */
    ANTMINER(80, "root", "root"),
    /** Stock cgminer/bmminer base API: cgminer JSON over TCP, read-only, no watts, no shed command. */
    CGMINER(4028, "", "");

    private final int defaultPort;
    private final String user;
    private final String defaultPassword;

    Firmware(int defaultPort, String user, String defaultPassword) {
        this.defaultPort = defaultPort;
        this.user = user;
        this.defaultPassword = defaultPassword;
    }

    /** The port the API listens on on real hardware. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The account the API authenticates ({@code ""} when it has no authentication). */
    public String user() {
        return user;
    }

    /** The factory password of {@link #user()} the simulator uses unless configured otherwise. */
    public String defaultPassword() {
        return defaultPassword;
    }
}
