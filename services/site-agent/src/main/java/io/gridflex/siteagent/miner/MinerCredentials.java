package io.gridflex.siteagent.miner;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The miners' API credentials, read from a properties file that a Kubernetes secret (or the site's operator) puts on
 * disk, never from configuration in the repository. Keys: {@code <firmware>.username} and {@code <firmware>.password}
 * for every miner of a firmware, {@code <firmware>.<host>.username|password} for one miner. Firmwares without
 * authentication need no entry.
 */
public final class MinerCredentials {

    /** A login. {@link #toString()} hides the password so that it cannot reach a log by accident. */
    public record Credential(String username, String password) {

        @Override
        public String toString() {
            return "Credential[username=" + username + ", password=***]";
        }
    }

    private final Properties entries;

    private MinerCredentials(Properties entries) {
        this.entries = entries;
    }

    public static MinerCredentials none() {
        return new MinerCredentials(new Properties());
    }

    public static MinerCredentials of(Properties entries) {
        Properties copy = new Properties();
        copy.putAll(entries);
        return new MinerCredentials(copy);
    }

    /** Reads the file; an unreadable file fails start-up, naming the file but nothing in it. */
    public static MinerCredentials load(Path file) {
        Properties entries = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the miner credentials file " + file, e);
        }
        return new MinerCredentials(entries);
    }

    /** The credential for one miner: its own entry if it has one, else its firmware's; empty when neither exists. */
    public Optional<Credential> forMiner(Firmware firmware, String host) {
        String own = firmware.key() + "." + host + ".";
        String shared = firmware.key() + ".";
        String password = entries.getProperty(own + "password", entries.getProperty(shared + "password"));
        if (password == null) {
            return Optional.empty();
        }
        String username = entries.getProperty(own + "username", entries.getProperty(shared + "username", ""));
        return Optional.of(new Credential(username, password));
    }
}
