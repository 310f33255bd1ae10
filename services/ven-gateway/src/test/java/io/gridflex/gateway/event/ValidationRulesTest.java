package io.gridflex.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "fast-dr", "ercot/ers:10min"})
    void aProgramIdThatTravelsInADrEventIsAccepted(String program) {
        assertThat(ValidationRules.requireProgramId(program)).isEqualTo(program);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast dr", "prógram"})
    void aProgramIdThatCannotTravelIsRefused(String program) {
        assertThatThrownBy(() -> ValidationRules.requireProgramId(program))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 128 printable ASCII characters without spaces");
    }

    @Test
    void aProgramIdIsAtMost128Characters() {
        assertThat(ValidationRules.requireProgramId("p".repeat(128))).hasSize(128);
        assertThatThrownBy(
                () -> new ValidationRules("p".repeat(129), "ven", Audience.VEN_ONLY, Set.of(), Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOpenEndedEventIsNeverTakenLongerThanTheLongestEvent() {
        assertThatThrownBy(
                () -> new ValidationRules("p", "ven", Audience.VEN_ONLY, Set.of(), Duration.ofHours(4),
                        Duration.ofHours(5),
                        Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
