package io.gridflex.siteagent;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.gridflex.minersim.fleet.Firmware;
import io.gridflex.minersim.fleet.SimulatedFleet;

/**
 * A made-up password for every firmware account, set on a simulated fleet and handed to the agent as its logins
 * ({@code braiins.username}, {@code braiins.password}, ...), as a site's secret would be: the two sides agree because
 * both are given the same secret, not because either knows the other's default.
 */
public final class SiteLogins {

    private final Map<Firmware, String> passwords = new EnumMap<>(Firmware.class);

    private SiteLogins() {
        for (Firmware firmware : Firmware.values()) {
            if (!firmware.user().isEmpty() && !firmware.defaultPassword().isEmpty()) {
                passwords.put(firmware, firmware.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID());
            }
        }
    }

    public static SiteLogins madeUp() {
        return new SiteLogins();
    }

    /** The fleet's accounts take these passwords. */
    public SimulatedFleet.Builder on(SimulatedFleet.Builder fleet) {
        passwords.forEach(fleet::password);
        return fleet;
    }

    /** What the agent reads from its logins secret. */
    public Properties logins() {
        Properties logins = new Properties();
        passwords.forEach((firmware, password) -> {
            String key = firmware.name().toLowerCase(Locale.ROOT).replace('_', '-');
            logins.setProperty(key + ".username", firmware.user());
            logins.setProperty(key + ".password", password);
        });
        return logins;
    }
}
