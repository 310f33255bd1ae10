package io.gridflex.minersim.cgminer;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedMiner;
import io.gridflex.minersim.net.Json;
import io.gridflex.minersim.net.OneRequestApiServer;

/**
 * The commands of the cgminer base API as a stock bmminer and a legacy bosminer answer them. Every answer has
 * {@code STATUS[0]} with {@code STATUS} (S or E), {@code When}, {@code Code}, {@code Msg}, {@code Description}, plus
 * {@code "id":1}.
 * <p>
 * Both: {@code version} (code 22; {@code VERSION[0]} has {@code BMMiner} on stock, {@code BOSminer} on bosminer, and
 * {@code API}, {@code Type}), {@code summary} (11; {@code SUMMARY[0]} with {@code Elapsed}, {@code GHS 5s},
 * {@code GHS av} on stock, {@code MHS 5s}, {@code MHS av} on bosminer, share counters at zero), {@code stats} (70;
 * {@code STATS[0]} a header, {@code STATS[1]} with {@code GHS 5s}, fans, temperatures, chain rates; no watts), and
 * read commands joined with {@code +} (one array per command name). Stock bmminer reports no power anywhere and
 * refuses every write ({@code pause}, {@code resume}, {@code restart}, {@code curtail}, ...) with code 45 "Access
 * denied".
 * <p>
 * Bosminer adds, without authentication: {@code pause} (code 132, {@code PAUSE[0].Paused}), {@code resume} (133,
 * {@code RESUME[0].Resumed}), {@code tunerstatus} (12, {@code TUNERSTATUS[0]} with
 * {@code ApproximateMinerPowerConsumption} W, {@code ApproximateChainPowerConsumption} W, {@code PowerLimit} W,
 * {@code DynamicPowerScaling}, {@code TunerChainStatus[]}).
 * <p>
 * Errors: invalid JSON 23, unknown command 14, write refused or write joined 45. A {@link SimulatedMiner#isQuirky()
 * quirky} miner writes consecutive objects of an array as {@code }{} (no comma) and ends the answer with {@code ,}}:
 * the bmminer habits tolerant parsers live with.
 */
final class CgminerCommands implements OneRequestApiServer.Dialect {

    static final String BMMINER_VERSION = "1.0.0";
    static final String BOSMINER_VERSION = "0.9.0-gridflex-sim";
    private static final int BOARDS = 3;
    private static final int FANS = 4;
    private static final Set<String> READS = Set.of("version", "summary", "stats", "pools");
    private static final Set<String> WRITES = Set.of("pause", "resume", "restart", "quit", "curtail", "ascenable",
            "ascdisable", "switchpool", "addpool", "removepool", "enablepool", "disablepool", "setconfig", "logon",
            "profileset", "set_power_pct", "power_off", "power_on");

    private final SimulatedMiner miner;
    private final boolean bosminer;

    CgminerCommands(SimulatedMiner miner) {
        this.miner = miner;
        this.bosminer = miner.firmware() == Firmware.BOSMINER;
    }

    @Override
    public String answer(String request) {
        JsonNode tree = Json.parseOrNull(request);
        if (tree == null || !tree.isObject() || !tree.path("command").isTextual()
                || tree.get("command").asText().isBlank()) {
            return write(status("E", 23, "Invalid JSON"));
        }
        String name = tree.get("command").asText().trim().toLowerCase(Locale.ROOT);
        if (name.contains("+")) {
            ObjectNode response = Json.object();
            for (String part : name.split("\\+")) {
                String trimmed = part.trim();
                ObjectNode answer = isRead(trimmed)
                        ? single(trimmed)
                        : isKnown(trimmed)
                                ? status("E", 45, "Access denied to '" + trimmed + "' command when joined")
                                : status("E", 14, "Invalid command");
                response.putArray(trimmed).add(answer);
            }
            response.put("id", 1);
            return write(response);
        }
        return write(single(name));
    }

    @Override
    public String unreadable(String detail) {
        return write(status("E", 23, "Invalid JSON: " + detail));
    }

    private boolean isRead(String name) {
        return READS.contains(name) || bosminer && name.equals("tunerstatus");
    }

    private boolean isKnown(String name) {
        return isRead(name) || WRITES.contains(name);
    }

    private ObjectNode single(String name) {
        if (bosminer) {
            switch (name) {
                case "pause" -> {
                    boolean wasAwake = miner.isAwake();
                    miner.sleep();
                    ObjectNode r = status("S", 132, wasAwake ? "Pause mining" : "Mining already paused");
                    r.putArray("PAUSE").addObject().put("Paused", true);
                    return r;
                }
                case "resume" -> {
                    boolean changed = miner.wakeUp();
                    ObjectNode r = status("S", 133, changed ? "Resume mining" : "Mining already running");
                    r.putArray("RESUME").addObject().put("Resumed", true);
                    return r;
                }
                case "tunerstatus" -> {
                    return tunerStatus();
                }
                default -> {
                    // the commands both share
                }
            }
        }
        return switch (name) {
            case "version" -> version();
            case "summary" -> summary();
            case "stats" -> stats();
            case "pools" -> pools();
            default -> WRITES.contains(name)
                    ? status("E", 45, "Access denied to '" + name + "' command")
                    : status("E", 14, "Invalid command");
        };
    }

    private ObjectNode version() {
        ObjectNode r = status("S", 22, bosminer ? "BOSminer versions" : "BMMiner versions");
        ObjectNode v = r.putArray("VERSION").addObject();
        if (bosminer) {
            v.put("BOSminer", "bosminer-plus-tuner " + BOSMINER_VERSION);
        } else {
            v.put("BMMiner", BMMINER_VERSION);
            v.put("Miner", "uart_trans.1.3");
            v.put("CompileTime", "Tue Jan 7 12:00:00 CST 2025");
        }
        v.put("API", bosminer ? "3.7" : "3.1");
        v.put("Type", miner.model().displayName());
        return r;
    }

    private ObjectNode summary() {
        double ghs = miner.hashrateThs() * 1000.0;
        ObjectNode r = status("S", 11, "Summary");
        ObjectNode s = r.putArray("SUMMARY").addObject();
        s.put("Elapsed", miner.elapsedSeconds());
        if (bosminer) {
            s.put("MHS 5s", Json.round2(ghs * 1000.0));
            s.put("MHS av", Json.round2(ghs * 1000.0));
        } else {
            s.put("GHS 5s", Json.round2(ghs));
            s.put("GHS av", Json.round2(ghs));
        }
        s.put("Accepted", 0);
        s.put("Rejected", 0);
        s.put("Hardware Errors", 0);
        s.put("Device Hardware%", 0.0);
        return r;
    }

    private ObjectNode stats() {
        double ghs = miner.hashrateThs() * 1000.0;
        ObjectNode r = status("S", 70, bosminer ? "BOSminer stats" : "CGMiner stats");
        ArrayNode stats = r.putArray("STATS");
        ObjectNode header = stats.addObject();
        header.put(bosminer ? "BOSminer" : "BMMiner", bosminer ? BOSMINER_VERSION : BMMINER_VERSION);
        header.put("Type", miner.model().displayName());
        ObjectNode s = stats.addObject();
        s.put("STATS", 0);
        s.put("ID", "BC50");
        s.put("Elapsed", miner.elapsedSeconds());
        s.put("GHS 5s", Json.round2(ghs));
        s.put("GHS av", Json.round2(ghs));
        s.put("miner_count", BOARDS);
        s.put("fan_num", FANS);
        for (int i = 1; i <= FANS; i++) {
            s.put("fan" + i, miner.isAwake() ? 4800 : 0);
        }
        s.put("temp_max", (int) Math.round(30 + 35 * miner.hashrateThs() / miner.model().hashrateThs()));
        for (int i = 1; i <= BOARDS; i++) {
            s.put("chain_rate" + i, Json.round2(ghs / BOARDS));
        }
        return r;
    }

    private ObjectNode pools() {
        ObjectNode r = status("S", 7, "1 Pool(s)");
        ObjectNode p = r.putArray("POOLS").addObject();
        p.put("POOL", 0);
        p.put("URL", "stratum+tcp://pool.gridflex.invalid:700");
        p.put("Status", "Alive");
        p.put("User", "gridflex." + miner.id());
        return r;
    }

    private ObjectNode tunerStatus() {
        double watts = miner.powerW();
        ObjectNode r = status("S", 12, "Tuner status");
        ObjectNode t = r.putArray("TUNERSTATUS").addObject();
        t.put("PowerLimit", Math.round(miner.powerLevelW()));
        t.put("DynamicPowerScaling", false);
        t.put("ApproximateMinerPowerConsumption", Math.round(watts));
        double chains = Math.max(0, watts - miner.model().sleepWatts());
        t.put("ApproximateChainPowerConsumption", Math.round(chains));
        ArrayNode boards = t.putArray("TunerChainStatus");
        for (int i = 0; i < BOARDS; i++) {
            ObjectNode b = boards.addObject();
            b.put("Index", i + 6);
            b.put("PowerLimitWatt", Math.round(miner.powerLevelW() / BOARDS));
            b.put("ApproximatePowerConsumptionWatt", Math.round(chains / BOARDS));
            b.put("Status", miner.isAwake() ? "Stable" : "Paused");
        }
        return r;
    }

    private ObjectNode status(String severity, int code, String message) {
        ObjectNode r = Json.object();
        ObjectNode s = r.putArray("STATUS").addObject();
        s.put("STATUS", severity);
        s.put("When", miner.clock().instant().getEpochSecond());
        s.put("Code", code);
        s.put("Msg", message);
        s.put("Description", bosminer
                ? "BOSminer bosminer-plus-tuner " + BOSMINER_VERSION
                : "bmminer " + BMMINER_VERSION);
        r.put("id", 1);
        return r;
    }

    private String write(ObjectNode response) {
        String json = Json.write(response);
        if (!miner.isQuirky()) {
            return json;
        }
        String quirky = json.replace("},{", "}{");
        return quirky.substring(0, quirky.length() - 1) + ",}";
    }
}
