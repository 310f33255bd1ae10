package io.gridflex.vtnsim.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.model.ei.EventStatusEnumeratedType;

class DrEventTest {

    private static final Instant START = Instant.parse("2026-03-01T18:00:00Z");
    private static final Duration NEAR = Duration.ofMinutes(15);
    private final DrEvent event = DrEvent.create("e1", START.minusSeconds(7200), START, Duration.ofMinutes(30), 1500,
            List.of("ven-1"), false);

    @Test
    void statusFollowsTheClockAroundStartAndEnd() {
        assertThat(event.status(START.minus(NEAR).minusSeconds(1), NEAR)).isEqualTo(EventStatusEnumeratedType.FAR);
        assertThat(event.status(START.minus(NEAR), NEAR)).isEqualTo(EventStatusEnumeratedType.NEAR);
        assertThat(event.status(START.minusSeconds(1), NEAR)).isEqualTo(EventStatusEnumeratedType.NEAR);
        assertThat(event.status(START, NEAR)).isEqualTo(EventStatusEnumeratedType.ACTIVE);
        assertThat(event.status(event.end().minusSeconds(1), NEAR)).isEqualTo(EventStatusEnumeratedType.ACTIVE);
        assertThat(event.status(event.end(), NEAR)).isEqualTo(EventStatusEnumeratedType.COMPLETED);
    }

    @Test
    void cancellationOverridesTime() {
        DrEvent cancelled = event.cancelledAt(START.minusSeconds(60));
        assertThat(cancelled.status(START, NEAR)).isEqualTo(EventStatusEnumeratedType.CANCELLED);
        assertThat(cancelled.status(START.minusSeconds(3600), NEAR)).isEqualTo(EventStatusEnumeratedType.CANCELLED);
        assertThat(cancelled.isOpen(START, NEAR)).isFalse();
    }

    @Test
    void everyModificationAndCancellationTakesTheNextNumber() {
        Instant at = START.minusSeconds(600);
        DrEvent modified = event.modified(2000.0, null, at);
        assertThat(modified.modificationNumber()).isEqualTo(1);
        assertThat(modified.reductionKw()).isEqualTo(2000.0);
        assertThat(modified.duration()).isEqualTo(event.duration());
        assertThat(modified.modifiedAt()).isEqualTo(at);
        assertThat(modified.createdAt()).isEqualTo(event.createdAt());

        DrEvent longer = modified.modified(null, Duration.ofHours(1), at);
        assertThat(longer.modificationNumber()).isEqualTo(2);
        assertThat(longer.reductionKw()).isEqualTo(2000.0);
        assertThat(longer.end()).isEqualTo(START.plus(Duration.ofHours(1)));

        assertThat(longer.cancelledAt(at).modificationNumber()).isEqualTo(3);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> DrEvent.create("e", START, START, Duration.ZERO, 1, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DrEvent.create("e", START, START, Duration.ofSeconds(1), 0, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> DrEvent.create("e", START, START, Duration.ofSeconds(1), Double.NaN, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
