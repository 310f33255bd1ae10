package io.gridflex.openadr.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.gridflex.openadr.signature.NonceCache.Outcome;

class NonceCacheTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

    @Test
    void aNonceIsSeenUntilItExpires() {
        NonceCache cache = new NonceCache(10);

        assertThat(cache.remember("A", "n1", T0.plusSeconds(60), T0)).isEqualTo(Outcome.NEW);
        assertThat(cache.remember("A", "n1", T0.plusSeconds(120), T0.plusSeconds(59))).isEqualTo(Outcome.SEEN);
        assertThat(cache.remember("A", "n1", T0.plusSeconds(120), T0.plusSeconds(60))).isEqualTo(Outcome.NEW);
    }

    @Test
    void noncesAreRememberedPerSigner() {
        NonceCache cache = new NonceCache(10);
        cache.remember("A", "n1", T0.plusSeconds(60), T0);

        assertThat(cache.remember("B", "n1", T0.plusSeconds(60), T0)).isEqualTo(Outcome.NEW);
        assertThat(cache.remember("A", "n1", T0.plusSeconds(60), T0)).isEqualTo(Outcome.SEEN);
    }

    @Test
    void whenFullOfUnexpiredNoncesItRefusesInsteadOfForgetting() {
        NonceCache cache = new NonceCache(2);
        cache.remember("A", "n1", T0.plusSeconds(30), T0);
        cache.remember("A", "n2", T0.plusSeconds(60), T0);

        assertThat(cache.remember("A", "n3", T0.plusSeconds(60), T0.plusSeconds(10))).isEqualTo(Outcome.FULL);
        assertThat(cache.remember("A", "n1", T0.plusSeconds(60), T0.plusSeconds(10))).isEqualTo(Outcome.SEEN);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void expiredNoncesLeaveInExpiryOrderAndMakeRoom() {
        NonceCache cache = new NonceCache(2);
        cache.remember("A", "late", T0.plusSeconds(90), T0);
        cache.remember("A", "early", T0.plusSeconds(30), T0);

        assertThat(cache.remember("A", "n3", T0.plusSeconds(100), T0.plusSeconds(30))).isEqualTo(Outcome.NEW);
        assertThat(cache.remember("A", "late", T0.plusSeconds(100), T0.plusSeconds(31))).isEqualTo(Outcome.SEEN);
        assertThat(cache.size()).isEqualTo(2);
    }
}
