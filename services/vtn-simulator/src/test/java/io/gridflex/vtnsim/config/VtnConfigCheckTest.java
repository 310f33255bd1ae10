package io.gridflex.vtnsim.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class VtnConfigCheckTest {

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> VtnConfigCheck.check(config("gridflex-vtn-sim", Duration.ofSeconds(10),
                "oadr://gridflex.io/programs/load-dispatch"))).doesNotThrowAnyException();
    }

    @Test
    void refusesWhatOpenAdrCannotCarry() {
        assertThatThrownBy(() -> VtnConfigCheck.check(config("vtn", Duration.ofMillis(1500), "oadr://x")))
                .hasMessageContaining("poll-interval");
        assertThatThrownBy(() -> VtnConfigCheck.check(config("vtn", Duration.ZERO, "oadr://x")))
                .hasMessageContaining("poll-interval");
        assertThatThrownBy(() -> VtnConfigCheck.check(config(" ", Duration.ofSeconds(2), "oadr://x")))
                .hasMessageContaining("gridflex.vtn.id");
        assertThatThrownBy(() -> VtnConfigCheck.check(config("vtn", Duration.ofSeconds(2), "no scheme")))
                .hasMessageContaining("market-context");
    }

    private static VtnConfig config(String id, Duration poll, String market) {
        return new VtnConfig() {

            @Override
            public String id() {
                return id;
            }

            @Override
            public Duration pollInterval() {
                return poll;
            }

            @Override
            public String marketContext() {
                return market;
            }

            @Override
            public Duration nearWindow() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration pushTimeout() {
                return Duration.ofSeconds(10);
            }

            @Override
            public java.util.Optional<Signature> signature() {
                return java.util.Optional.empty();
            }
        };
    }
}
