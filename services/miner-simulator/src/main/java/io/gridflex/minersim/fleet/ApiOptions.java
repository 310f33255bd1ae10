package io.gridflex.minersim.fleet;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What every miner API of a fleet shares.
 *
 * @param readTimeout longest wait for a complete request (and idle time of a persistent connection)
 * @param maxRequestBytes largest request (or HTTP body) accepted
 * @param passwords the password of each firmware's account; {@link Firmware#defaultPassword()} when absent
 * @param tokenTtl how long a Braiins REST token or a Whatsminer token timestamp stays valid
 */
public record ApiOptions(Duration readTimeout, int maxRequestBytes, Map<Firmware, String> passwords,
        Duration tokenTtl) {

    public ApiOptions {
        passwords = passwords.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(passwords));
    }

    public String password(Firmware firmware) {
        return passwords.getOrDefault(firmware, firmware.defaultPassword());
    }
}
