package io.gridflex.siteagent.miner.luxos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gridflex.siteagent.AtomicFile;
import io.gridflex.siteagent.miner.MinerEndpoint;
import io.gridflex.siteagent.miner.MinerException;
import io.gridflex.siteagent.miner.cgminerapi.CgminerReplies;

/**
 * Power targets on LuxOS through its presets:
 * <ul>
 * <li>{@code profiles} → {@code PROFILES[]}, each with {@code Profile Name} and the {@code Watts} it is rated at;
 * read once per miner</li>
 * <li>{@code config} → {@code CONFIG[0].Profile} (the preset running) and {@code IsAtmEnabled}</li>
 * <li>{@code atmset "<session>,enabled=false"}: the thermal manager (ATM) moves the miner between presets by itself
 * and refuses a chosen one, so it is turned off before a trim</li>
 * <li>{@code profileset "<session>,<name>"}</li>
 * </ul>
 * A trim takes the highest preset rated at or below the target, so the miner draws the target or up to a step less,
 * never more. The first trim of a miner remembers the preset it ran and whether ATM was on, in a file beside the
 * agent's state ({@code <state file>.luxos-profiles}, replaced whole and synced before the miner is changed); running
 * it in full again sets both back, also after a restart. Without that file (or an entry in it) the agent takes the
 * preset rated nearest the draw the miner had before its trim and turns ATM on, as LuxOS ships it. A miner whose
 * version knows no {@code profiles} is remembered as offering none.
 */
final class ProfileControl {

    /** cgminer's status code of a command the miner does not know. */
    static final int INVALID_COMMAND = 14;

    /** A preset as {@code profiles} lists it. */
    record Profile(String name, double watts) {
    }

    /** What a miner ran before its first trim: to go back to. */
    record Setting(String profile, boolean atmEnabled) {
    }

    private static final Logger LOG = Logger.getLogger(ProfileControl.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LuxosClient client;
    private final Optional<Path> file;
    private final Map<MinerEndpoint, List<Profile>> profiles = new ConcurrentHashMap<>();
    private final Map<MinerEndpoint, Setting> before = new ConcurrentHashMap<>();
    private final Set<MinerEndpoint> without = ConcurrentHashMap.newKeySet();

    /** @param file where the settings to go back to survive a restart; empty: kept in memory only */
    ProfileControl(LuxosClient client, Optional<Path> file) {
        this.client = client;
        this.file = file;
        file.ifPresent(this::load);
    }

    /** Whether the miner offers presets, as far as known: true until its version says it has none. */
    boolean offers(MinerEndpoint miner) {
        return !without.contains(miner);
    }

    /** Switches the miner to the highest preset rated at or below {@code watts}. */
    void trimTo(MinerEndpoint miner, int watts) throws MinerException {
        List<Profile> list = profiles(miner);
        Profile pick = list.stream().filter(p -> p.watts() <= watts).max(Comparator.comparingDouble(Profile::watts))
                .orElseThrow(() -> new MinerException(miner + ": no LuxOS profile draws " + watts
                        + " W or less (the lowest is rated " + Math.round(list.getFirst().watts()) + " W)",
                        MinerException.UNSUPPORTED));
        Setting now = current(miner);
        if (before.putIfAbsent(miner, now) == null) {
            save();
        }
        if (now.atmEnabled()) {
            client.privileged(miner, "atmset", "enabled=false");
        }
        if (!pick.name().equalsIgnoreCase(now.profile())) {
            client.privileged(miner, "profileset", pick.name());
        }
    }

    /**
     * Sets the miner back to the preset it ran before its first trim, and its thermal manager as it was; or, when
     * that is not known, to the preset rated nearest {@code fullW} with the thermal manager on.
     */
    void runInFull(MinerEndpoint miner, int fullW) throws MinerException {
        Setting remembered = before.get(miner);
        Setting back = remembered != null
                ? remembered
                : new Setting(nearest(profiles(miner), fullW).name(), true);
        Setting now = current(miner);
        if (!back.profile().equalsIgnoreCase(now.profile())) {
            if (now.atmEnabled()) {
                client.privileged(miner, "atmset", "enabled=false");
            }
            client.privileged(miner, "profileset", back.profile());
        }
        if (back.atmEnabled() && !(now.atmEnabled() && back.profile().equalsIgnoreCase(now.profile()))) {
            client.privileged(miner, "atmset", "enabled=true");
        }
        if (before.remove(miner, remembered) && remembered != null) {
            save();
        }
    }

    /**
     * What trimmed miners ran, moved to the endpoints the units answer at now (old → new); all taken out before any is
     * put back, so units that swapped addresses swap what they ran.
     */
    void relocated(Map<MinerEndpoint, MinerEndpoint> moves) {
        Map<MinerEndpoint, Setting> settings = new HashMap<>();
        Map<MinerEndpoint, List<Profile>> lists = new HashMap<>();
        for (Map.Entry<MinerEndpoint, MinerEndpoint> move : moves.entrySet()) {
            Optional.ofNullable(before.remove(move.getKey())).ifPresent(s -> settings.put(move.getValue(), s));
            Optional.ofNullable(profiles.remove(move.getKey())).ifPresent(l -> lists.put(move.getValue(), l));
        }
        before.putAll(settings);
        profiles.putAll(lists);
        if (!settings.isEmpty()) {
            save();
        }
    }

    private void load(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Map<String, Setting> kept = JSON.readValue(path.toFile(), new TypeReference<Map<String, Setting>>() {
            });
            kept.forEach((endpoint, setting) -> before.put(MinerEndpoint.parse(endpoint), setting));
        } catch (IOException | RuntimeException e) {
            // Trimmed miners then come back on the profile nearest their draw, with ATM on.
            LOG.errorf("LuxOS profiles to go back to (%s) are unreadable, so forgotten: %s", path, e.toString());
        }
    }

    /** Replaces the file with what is remembered now; one trim or restore per miner, so rarely. */
    private synchronized void save() {
        if (file.isEmpty()) {
            return;
        }
        Map<String, Setting> kept = new TreeMap<>();
        before.forEach((endpoint, setting) -> kept.put(endpoint.toString(), setting));
        try {
            AtomicFile.write(file.get(), JSON.writeValueAsString(kept));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the LuxOS profiles to go back to", e);
        }
    }

    /** The miner's presets, lowest rating first: asked once, then remembered. */
    List<Profile> profiles(MinerEndpoint miner) throws MinerException {
        List<Profile> known = profiles.get(miner);
        if (known != null) {
            return known;
        }
        JsonNode reply;
        try {
            reply = client.request(miner, "profiles", null);
        } catch (MinerException e) {
            if (e.code() == INVALID_COMMAND) {
                without.add(miner);
                throw new MinerException(miner + ": this LuxOS version offers no profiles", MinerException.UNSUPPORTED);
            }
            throw e;
        }
        List<Profile> list = parse(reply);
        if (list.isEmpty()) {
            without.add(miner);
            throw new MinerException(miner + ": LuxOS lists no profile with a rating in watts",
                    MinerException.UNSUPPORTED);
        }
        profiles.put(miner, list);
        return list;
    }

    /** {@code PROFILES[]} entries with a name and a positive {@code Watts}, lowest first. */
    static List<Profile> parse(JsonNode reply) {
        List<Profile> list = new ArrayList<>();
        for (var field : reply.properties()) {
            if (!field.getKey().equalsIgnoreCase("PROFILES") || !field.getValue().isArray()) {
                continue;
            }
            for (JsonNode entry : field.getValue()) {
                JsonNode name = entry.get("Profile Name");
                if (name == null) {
                    name = entry.get("Name");
                }
                var watts = CgminerReplies.number(entry, "Watts");
                if (name != null && name.isTextual() && !name.asText().isBlank() && watts.isPresent()
                        && watts.getAsDouble() > 0) {
                    list.add(new Profile(name.asText().trim(), watts.getAsDouble()));
                }
            }
        }
        list.sort(Comparator.comparingDouble(Profile::watts));
        return List.copyOf(list);
    }

    private Setting current(MinerEndpoint miner) throws MinerException {
        JsonNode config = CgminerReplies.section(miner, client.request(miner, "config", null), "config", "CONFIG");
        String profile = Optional.ofNullable(config.get("Profile")).map(JsonNode::asText).orElse("");
        return new Setting(profile, truthy(config.get("IsAtmEnabled")));
    }

    private static boolean truthy(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return Set.of("true", "y", "yes", "1", "enabled").contains(value.asText().trim().toLowerCase(Locale.ROOT));
    }

    private static Profile nearest(List<Profile> list, int watts) {
        return list.stream().min(Comparator.comparingDouble((Profile p) -> Math.abs(p.watts() - watts))).orElseThrow();
    }
}
