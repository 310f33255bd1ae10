package io.gridflex.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push listener sets the JDK HTTP server's limits from its configuration, unless the JVM was started with them. */
class PushListenerLimitsTest {

    private static final List<String> PROPERTIES = List.of("sun.net.httpserver.maxReqTime",
            "sun.net.httpserver.maxRspTime", "sun.net.httpserver.idleInterval", "jdk.httpserver.maxConnections");
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void save() {
        PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        PROPERTIES.forEach(System::clearProperty);
    }

    @AfterEach
    void restore() {
        saved.forEach((p, v) -> {
            if (v == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, v);
            }
        });
    }

    @Test
    void theConfiguredLimitsBecomeTheServersAndACommandLineSettingWins() {
        PushListener.limitServers(config(Duration.ofSeconds(12), Duration.ofSeconds(40), 99));
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("12");
        assertThat(System.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo("12");
        assertThat(System.getProperty("sun.net.httpserver.idleInterval")).isEqualTo("40");
        assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("99");

        System.setProperty("sun.net.httpserver.maxReqTime", "5");
        PushListener.limitServers(config(Duration.ofSeconds(30), Duration.ofSeconds(30), 256));
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("5");
    }

    @Test
    void byDefaultARequestHasThirtySecondsAndTwoHundredFiftySixConnectionsAreOpenAtMost() {
        PushListener.limitServers(config(null, null, null));
        assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("30");
        assertThat(System.getProperty("sun.net.httpserver.idleInterval")).isEqualTo("30");
        assertThat(System.getProperty("jdk.httpserver.maxConnections")).isEqualTo("256");
    }

    private static PushConfig config(Duration request, Duration idle, Integer connections) {
        return new PushConfig() {

            @Override
            public Optional<Integer> configuredPort() {
                return Optional.empty();
            }

            @Override
            public Optional<String> configuredHost() {
                return Optional.empty();
            }

            @Override
            public Optional<URI> publicUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> certificate() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> key() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> configuredCipherSuites() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> configuredProtocols() {
                return Optional.empty();
            }

            @Override
            public Optional<Integer> configuredMaxRequestBytes() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> configuredRequestTimeout() {
                return Optional.ofNullable(request);
            }

            @Override
            public Optional<Duration> configuredIdleTimeout() {
                return Optional.ofNullable(idle);
            }

            @Override
            public Optional<Integer> configuredMaxConnections() {
                return Optional.ofNullable(connections);
            }

            @Override
            public Optional<Duration> configuredCertificateCheckInterval() {
                return Optional.empty();
            }
        };
    }
}
