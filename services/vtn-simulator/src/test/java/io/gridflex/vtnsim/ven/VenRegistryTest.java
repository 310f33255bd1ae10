package io.gridflex.vtnsim.ven;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class VenRegistryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final VenRegistry registry = new VenRegistry();

    @Test
    void aFirstRegistrationGetsFreshIds() {
        Ven a = registry.register(null, "site-a", T0);
        Ven b = registry.register(null, "site-b", T0);

        assertThat(a.venId()).isNotEqualTo(b.venId());
        assertThat(a.registrationId()).isNotEqualTo(b.registrationId());
        assertThat(registry.all()).extracting(Ven::venName).containsExactly("site-a", "site-b");
    }

    @Test
    void reRegisteringWithAKnownVenIdKeepsTheIds() {
        Ven first = registry.register(null, "site-a", T0);
        Ven again = registry.register(first.venId(), "site-a2", T0.plusSeconds(60));

        assertThat(again.venId()).isEqualTo(first.venId());
        assertThat(again.registrationId()).isEqualTo(first.registrationId());
        assertThat(again.venName()).isEqualTo("site-a2");
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void anUnknownVenIdIsReplacedByOneOfOurs() {
        Ven ven = registry.register("ven-from-another-vtn", "site-a", T0);

        assertThat(ven.venId()).isNotEqualTo("ven-from-another-vtn");
        assertThat(registry.isRegistered("ven-from-another-vtn")).isFalse();
    }

    @Test
    void aVenIdAllocatedInAdvanceIsRegisteredAsPresented() {
        registry.preallocate("ven-site-a");

        Ven ven = registry.register("ven-site-a", "site-a", T0);
        Ven again = registry.register("ven-site-a", "site-a", T0.plusSeconds(60));

        assertThat(ven.venId()).isEqualTo("ven-site-a");
        assertThat(again.registrationId()).isEqualTo(ven.registrationId());
        assertThat(registry.register("ven-site-b", "site-b", T0).venId()).isNotEqualTo("ven-site-b");
    }

    @Test
    void pollsAreRecordedForRegisteredVensOnly() {
        Ven ven = registry.register(null, "site-a", T0);

        assertThat(registry.recordPoll(ven.venId(), T0.plusSeconds(2))).isTrue();
        assertThat(registry.recordPoll("ven-unknown", T0.plusSeconds(2))).isFalse();
        assertThat(registry.recordPoll(null, T0.plusSeconds(2))).isFalse();
        assertThat(registry.find(ven.venId()).orElseThrow().lastPollAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void cancellationNeedsMatchingIds() {
        Ven a = registry.register(null, "site-a", T0);
        Ven b = registry.register(null, "site-b", T0);

        assertThat(registry.cancel(a.registrationId(), b.venId())).isEmpty();
        assertThat(registry.cancel("reg-unknown", null)).isEmpty();
        assertThat(registry.all()).hasSize(2);

        assertThat(registry.cancel(a.registrationId(), a.venId())).contains(a);
        assertThat(registry.isRegistered(a.venId())).isFalse();
        assertThat(registry.cancel(b.registrationId(), null)).contains(b);
        assertThat(registry.all()).isEmpty();
    }
}
