package io.gridflex.vtnsim.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with settings that would only fail later, on the first message: OpenADR durations are whole
 * seconds, and a market context is a URI.
 */
@ApplicationScoped
public class VtnConfigCheck {

    void onStart(@Observes StartupEvent event, VtnConfig config) {
        check(config);
    }

    static void check(VtnConfig config) {
        if (config.id().isBlank()) {
            throw new IllegalStateException("gridflex.vtn.id must not be blank");
        }
        requireWholePositiveSeconds("gridflex.vtn.poll-interval", config.pollInterval());
        if (config.nearWindow().isNegative()) {
            throw new IllegalStateException("gridflex.vtn.near-window must not be negative");
        }
        try {
            if (new URI(config.marketContext()).getScheme() == null) {
                throw new IllegalStateException(
                        "gridflex.vtn.market-context must be an absolute URI, got " + config.marketContext());
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("gridflex.vtn.market-context is not a URI: " + e.getMessage(), e);
        }
    }

    private static void requireWholePositiveSeconds(String key, Duration value) {
        if (value.isNegative() || value.isZero() || value.getNano() != 0) {
            throw new IllegalStateException(key + " must be a positive whole number of seconds, got " + value);
        }
    }
}
