package io.gridflex.minersim.luxos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.Misbehaviour;
import io.gridflex.minersim.fleet.SimulatedMiner;

/**
 * Answers one LUXminer API request for one miner: {@code {"command":"summary"}} or
 * {@code {"command":"curtail","parameter":"<session_id>,sleep"}} in, the response object out. Read-only commands may
 * be joined with {@code +} ({@code "power+summary"}), as the cgminer API allows; the answer then holds one full
 * response per command under its name. Every failure is a response with {@code STATUS "E"} and a message saying what
 * was wrong, never an exception.
 * <p>
 * Presets: {@code profiles} lists them ({@link LuxosProfiles}), {@code profileset "<session_id>,<profile>"} switches
 * to one, which the miner refuses while its thermal manager (ATM) is on: {@code atm} reads it, {@code atmset
 * "<session_id>,enabled=false"} turns it off. {@code config} says which preset runs and whether ATM is on.
 */
public final class LuxosCommandHandler {

    /** The firmware version the simulator reports; the suffix tells a person reading it that the miner is simulated. */
    static final String FIRMWARE = "0.1.0-gridflex-sim";
    static final String DESCRIPTION = "LUXminer " + FIRMWARE;
    private static final int BOARDS = 3;
    private static final int FANS = 4;
    private static final Set<String> JOINABLE = Set.of("version", "summary", "stats", "devs", "pools", "config",
            "power", "session", "profiles", "atm");

    private final SimulatedMiner miner;
    private final SessionRegistry sessions;
    private final ObjectMapper mapper;

    public LuxosCommandHandler(SimulatedMiner miner) {
        this.miner = miner;
        this.sessions = new SessionRegistry(miner.clock());
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
    }

    /** Answers a raw request. */
    public String handle(String request) {
        JsonNode tree;
        try {
            tree = mapper.readTree(request);
        } catch (JsonProcessingException e) {
            return write(error(LuxosStatus.INVALID_JSON, "Invalid JSON: " + e.getOriginalMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return write(error(LuxosStatus.INVALID_JSON, "Invalid JSON: the request must be a JSON object"));
        }
        JsonNode command = tree.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            return write(error(LuxosStatus.INVALID_JSON, "Invalid JSON: missing \"command\" string"));
        }
        JsonNode parameterNode = tree.get("parameter");
        if (parameterNode != null && !parameterNode.isValueNode()) {
            return write(error(LuxosStatus.INVALID_JSON, "Invalid JSON: \"parameter\" must be a string"));
        }
        String parameter = parameterNode == null || parameterNode.isNull() ? "" : parameterNode.asText();
        String name = command.asText().trim().toLowerCase(Locale.ROOT);
        if (name.contains("+")) {
            return write(joined(name, parameter));
        }
        return write(single(name, parameter));
    }

    /** The response sent when a request could not even be read: too large, or too slow to arrive. */
    String requestError(boolean tooLarge, String detail) {
        return write(error(tooLarge ? LuxosStatus.REQUEST_TOO_LARGE : LuxosStatus.REQUEST_TIMEOUT, detail));
    }

    private ObjectNode joined(String names, String parameter) {
        ObjectNode response = mapper.createObjectNode();
        for (String name : names.split("\\+")) {
            String trimmed = name.trim();
            ObjectNode part;
            if (!JOINABLE.contains(trimmed)) {
                part = trimmed.isEmpty() || !isKnown(trimmed)
                        ? error(LuxosStatus.INVALID_COMMAND, "Invalid command '" + trimmed + "'")
                        : error(LuxosStatus.ACCESS_DENIED, "Access denied to '" + trimmed + "' command when joined");
            } else {
                part = single(trimmed, parameter);
            }
            response.putArray(trimmed).add(part);
        }
        response.put("id", 1);
        return response;
    }

    private static boolean isKnown(String name) {
        return JOINABLE.contains(name) || Set.of("logon", "logoff", "curtail", "profileset", "atmset").contains(name);
    }

    private ObjectNode single(String name, String parameter) {
        return switch (name) {
            case "version" -> version();
            case "summary" -> summary();
            case "stats" -> stats();
            case "devs" -> devs();
            case "pools" -> pools();
            case "config" -> config();
            case "power" -> power();
            case "session" -> session();
            case "logon" -> logon();
            case "logoff" -> logoff(parameter);
            case "curtail" -> curtail(parameter);
            case "profiles" -> profiles();
            case "profileset" -> profileSet(parameter);
            case "atm" -> atm();
            case "atmset" -> atmSet(parameter);
            default -> error(LuxosStatus.INVALID_COMMAND, "Invalid command '" + name + "'");
        };
    }

    private ObjectNode version() {
        ObjectNode response = ok(LuxosStatus.VERSION, "LUXminer versions");
        ObjectNode v = response.putArray("VERSION").addObject();
        v.put("API", "3.7");
        v.put("LUXminer", FIRMWARE);
        v.put("Miner", FIRMWARE);
        v.put("CompileTime", "Tue Jan 7 12:00:00 UTC 2025");
        v.put("Type", miner.model().displayName());
        return response;
    }

    private ObjectNode summary() {
        double ghs = miner.hashrateThs() * 1000.0;
        ObjectNode response = ok(LuxosStatus.SUMMARY, "Summary");
        ObjectNode s = response.putArray("SUMMARY").addObject();
        s.put("Elapsed", miner.elapsedSeconds());
        s.put("GHS 5s", round2(ghs));
        s.put("GHS 30m", round2(ghs));
        s.put("GHS av", round2(ghs));
        // Shares are not simulated: the counters a pool would move stay at zero.
        s.put("Accepted", 0);
        s.put("Rejected", 0);
        s.put("Stale", 0);
        s.put("Hardware Errors", 0);
        s.put("Device Hardware%", 0.0);
        s.put("Device Rejected%", 0.0);
        s.put("Pool Rejected%", 0.0);
        s.put("Pool Stale%", 0.0);
        s.put("Last getwork", miner.clock().instant().getEpochSecond());
        return response;
    }

    private ObjectNode stats() {
        double ths = miner.hashrateThs();
        ObjectNode response = ok(LuxosStatus.STATS, "CGMiner stats");
        ArrayNode stats = response.putArray("STATS");
        ObjectNode header = stats.addObject();
        header.put("BMMiner", "1.0.0");
        header.put("Miner", "uart_trans.1.3");
        header.put("CompileTime", "Tue Jan 7 12:00:00 UTC 2025");
        header.put("Type", miner.model().displayName());
        ObjectNode s = stats.addObject();
        s.put("STATS", 0);
        s.put("ID", "BC50");
        s.put("Elapsed", miner.elapsedSeconds());
        s.put("GHS 5s", round2(ths * 1000.0));
        s.put("GHS av", round2(ths * 1000.0));
        s.put("total_rate", round2(ths * 1000.0));
        s.put("miner_count", BOARDS);
        s.put("fan_num", FANS);
        int rpm = fanRpm();
        for (int i = 1; i <= FANS; i++) {
            s.put("fan" + i, rpm);
        }
        s.put("temp_max", boardTemperature());
        for (int i = 1; i <= BOARDS; i++) {
            s.put("chain_rate" + i, round2(ths * 1000.0 / BOARDS));
        }
        s.put("Power", Math.round(miner.powerW()));
        return response;
    }

    private ObjectNode devs() {
        double mhs = miner.hashrateThs() * 1_000_000.0 / BOARDS;
        boolean awake = miner.isAwake();
        ObjectNode response = ok(LuxosStatus.DEVS, BOARDS + " ASC(s)");
        ArrayNode devs = response.putArray("DEVS");
        for (int i = 0; i < BOARDS; i++) {
            ObjectNode d = devs.addObject();
            d.put("ASC", i);
            d.put("Name", "BTM_SOC" + i);
            d.put("ID", i);
            d.put("Enabled", "Y");
            d.put("Status", awake ? "Alive" : "Sleep");
            d.put("Temperature", boardTemperature());
            d.put("MHS av", round2(mhs));
            d.put("MHS 5s", round2(mhs));
            d.put("Accepted", 0);
            d.put("Rejected", 0);
            d.put("Hardware Errors", 0);
            d.put("Device Elapsed", miner.elapsedSeconds());
        }
        return response;
    }

    private ObjectNode pools() {
        ObjectNode response = ok(LuxosStatus.POOLS, "1 Pool(s)");
        ObjectNode p = response.putArray("POOLS").addObject();
        p.put("POOL", 0);
        p.put("URL", "stratum+tcp://pool.gridflex.invalid:700");
        p.put("Status", "Alive");
        p.put("Priority", 0);
        p.put("Quota", 1);
        p.put("User", "gridflex." + miner.id());
        p.put("Accepted", 0);
        p.put("Rejected", 0);
        p.put("Stale", 0);
        p.put("Has Stratum", true);
        p.put("Stratum Active", miner.isAwake());
        p.put("Stratum URL", "pool.gridflex.invalid");
        return response;
    }

    private ObjectNode config() {
        ObjectNode response = ok(LuxosStatus.CONFIG, "CGMiner config");
        ObjectNode c = response.putArray("CONFIG").addObject();
        c.put("ASC Count", BOARDS);
        c.put("PGA Count", 0);
        c.put("Pool Count", 1);
        c.put("Strategy", "Failover");
        c.put("Log Interval", 5);
        c.put("Device Code", "");
        c.put("OS", "Linux");
        c.put("Hotplug", "None");
        c.put("Profile", miner.profile());
        c.put("IsAtmEnabled", miner.atmEnabled());
        c.put("Model", miner.model().displayName());
        c.put("Hostname", miner.id());
        // LuxOS prints its MAC address in lower case.
        c.put("MACAddr", miner.mac().toLowerCase(java.util.Locale.ROOT));
        return response;
    }

    private ObjectNode power() {
        ObjectNode response = ok(LuxosStatus.POWER, "Power");
        ObjectNode p = response.putArray("POWER").addObject();
        p.put("PSU", true);
        p.put("Watts", Math.round(miner.powerW()));
        return response;
    }

    private ObjectNode session() {
        ObjectNode response = ok(LuxosStatus.SESSION_INFO, "Session information");
        response.putArray("SESSION").addObject().put("SessionID", sessions.active().orElse(""));
        return response;
    }

    private ObjectNode logon() {
        if (miner.misbehaviour() == Misbehaviour.REFUSE_CREDENTIALS) {
            return error(LuxosStatus.ACCESS_DENIED, "Access denied: logon refused");
        }
        Optional<String> id = sessions.logon();
        if (id.isEmpty()) {
            return error(LuxosStatus.SESSION_ACTIVE, "Another session is active");
        }
        ObjectNode response = ok(LuxosStatus.SESSION_CREATED, "Session created");
        response.putArray("SESSION").addObject().put("SessionID", id.get());
        return response;
    }

    private ObjectNode logoff(String parameter) {
        String id = parameter.split(",", -1)[0].trim();
        if (id.isEmpty()) {
            return error(LuxosStatus.MISSING_PARAMETER, "Missing parameter: session_id");
        }
        if (!sessions.logoff(id)) {
            return error(LuxosStatus.INVALID_SESSION, "Invalid session ID: '" + id + "' is not the active session");
        }
        return ok(LuxosStatus.SESSION_ENDED, "Session ended");
    }

    private ObjectNode profiles() {
        ObjectNode response = ok(LuxosStatus.PROFILES, "Profiles");
        ArrayNode list = response.putArray("PROFILES");
        for (LuxosProfiles.Profile p : LuxosProfiles.of(miner.model())) {
            ObjectNode o = list.addObject();
            o.put("Profile Name", p.name());
            o.put("Step", p.step());
            o.put("Frequency", p.frequencyMhz());
            o.put("Voltage", p.voltage());
            o.put("Watts", p.watts());
            o.put("Hashrate", p.hashrateThs());
            o.put("IsTuned", false);
            o.put("IsDynamic", false);
        }
        return response;
    }

    private ObjectNode profileSet(String parameter) {
        List<String> parts = parts(parameter);
        ObjectNode refused = sessionRefusal(parts);
        if (refused != null) {
            return refused;
        }
        if (parts.size() < 2 || parts.get(1).isEmpty()) {
            return error(LuxosStatus.MISSING_PARAMETER, "Missing parameter: profile");
        }
        Optional<LuxosProfiles.Profile> profile = LuxosProfiles.named(miner.model(), parts.get(1));
        if (profile.isEmpty()) {
            return error(LuxosStatus.INVALID_PARAMETER, "Invalid profile '" + parts.get(1) + "'");
        }
        if (miner.atmEnabled()) {
            return error(LuxosStatus.ATM_ENABLED, "Cannot set a profile while ATM is enabled");
        }
        miner.setProfile(profile.get().name(), profile.get().watts());
        ObjectNode response = ok(LuxosStatus.PROFILE_SET, "Profile Set");
        response.putArray("PROFILE").addObject().put("Profile", profile.get().name());
        return response;
    }

    private ObjectNode atm() {
        ObjectNode response = ok(LuxosStatus.ATM, "ATM configuration values");
        atmSection(response);
        return response;
    }

    private ObjectNode atmSet(String parameter) {
        List<String> parts = parts(parameter);
        ObjectNode refused = sessionRefusal(parts);
        if (refused != null) {
            return refused;
        }
        if (parts.size() < 2) {
            return error(LuxosStatus.MISSING_PARAMETER, "Missing parameter: enabled=true|false");
        }
        Boolean enabled = null;
        for (String setting : parts.subList(1, parts.size())) {
            String[] pair = setting.split("=", 2);
            String value = pair.length == 2 ? pair[1].trim().toLowerCase(Locale.ROOT) : "";
            if (!pair[0].trim().equalsIgnoreCase("enabled") || !Set.of("true", "false").contains(value)) {
                return error(LuxosStatus.INVALID_PARAMETER, "Invalid ATM setting '" + setting + "'");
            }
            enabled = Boolean.valueOf(value);
        }
        miner.setAtmEnabled(enabled);
        ObjectNode response = ok(LuxosStatus.ATM_SET, "ATM configuration updated");
        atmSection(response);
        return response;
    }

    private void atmSection(ObjectNode response) {
        List<LuxosProfiles.Profile> profiles = LuxosProfiles.of(miner.model());
        ObjectNode a = response.putArray("ATM").addObject();
        a.put("Enabled", miner.atmEnabled());
        a.put("MinProfile", profiles.getFirst().name());
        a.put("MaxProfile", LuxosProfiles.DEFAULT);
        a.put("StartupMinutes", 15);
        a.put("PostRampMinutes", 15);
        a.put("TempWindow", 5);
    }

    private static List<String> parts(String parameter) {
        List<String> parts = new ArrayList<>();
        for (String part : parameter.split(",", -1)) {
            parts.add(part.trim());
        }
        return parts;
    }

    /** The error a privileged command gets without the active session as its first parameter, or null. */
    private ObjectNode sessionRefusal(List<String> parts) {
        if (parts.isEmpty() || parts.getFirst().isEmpty()) {
            return error(LuxosStatus.MISSING_PARAMETER, "Missing parameter: session_id");
        }
        if (!sessions.use(parts.getFirst())) {
            return error(LuxosStatus.INVALID_SESSION,
                    "Invalid session ID: '" + parts.getFirst() + "' is not the active session; use logon");
        }
        return null;
    }

    private ObjectNode curtail(String parameter) {
        List<String> parts = parts(parameter);
        ObjectNode refused = sessionRefusal(parts);
        if (refused != null) {
            return refused;
        }
        if (parts.size() < 2 || parts.get(1).isEmpty()) {
            return error(LuxosStatus.MISSING_PARAMETER, "Missing parameter: action (sleep or wakeup)");
        }
        String action = parts.get(1).toLowerCase(Locale.ROOT);
        String described;
        switch (action) {
            case "sleep" -> {
                miner.sleep();
                described = "sleep mode";
            }
            case "wakeup" -> {
                miner.wakeUp();
                described = "wake up";
            }
            default -> {
                return error(LuxosStatus.INVALID_PARAMETER,
                        "Invalid curtail action '" + parts.get(1) + "': expected sleep or wakeup");
            }
        }
        ObjectNode response = ok(LuxosStatus.CURTAIL_SENT, "Curtailment command sent");
        response.putArray("CURTAIL").addObject().put("Action", described);
        return response;
    }

    private int boardTemperature() {
        double fraction = miner.model().hashrateThs() == 0 ? 0 : miner.hashrateThs() / miner.model().hashrateThs();
        return (int) Math.round(30 + 35 * fraction);
    }

    private int fanRpm() {
        return miner.isAwake() ? 4800 : 0;
    }

    private ObjectNode ok(LuxosStatus status, String message) {
        return withStatus(status, message);
    }

    private ObjectNode error(LuxosStatus status, String message) {
        return withStatus(status, message);
    }

    private ObjectNode withStatus(LuxosStatus status, String message) {
        ObjectNode response = mapper.createObjectNode();
        ObjectNode s = response.putArray("STATUS").addObject();
        s.put("STATUS", status.severity);
        s.put("When", miner.clock().instant().getEpochSecond());
        s.put("Code", status.code);
        s.put("Msg", message);
        s.put("Description", DESCRIPTION);
        response.put("id", 1);
        return response;
    }

    private String write(ObjectNode response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response tree", e);
        }
    }

    private static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
