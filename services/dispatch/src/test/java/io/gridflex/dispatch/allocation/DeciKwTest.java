package io.gridflex.dispatch.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeciKwTest {

    @Test
    void readsDecimalFiguresWithoutBinaryDrift() {
        assertThat(DeciKw.floor(12.3)).isEqualTo(123);
        assertThat(DeciKw.floor(0.7)).isEqualTo(7);
        assertThat(DeciKw.round(2.25)).isEqualTo(23);
    }

    @Test
    void floorNeverRoundsUp() {
        assertThat(DeciKw.floor(1.29)).isEqualTo(12);
        assertThat(DeciKw.round(1.29)).isEqualTo(13);
    }

    @Test
    void negativeOrNonFiniteFiguresCountAsNothing() {
        assertThat(DeciKw.floor(-3)).isZero();
        assertThat(DeciKw.round(Double.NaN)).isZero();
        assertThat(DeciKw.floor(Double.POSITIVE_INFINITY)).isZero();
    }

    @Test
    void convertsBackExactly() {
        assertThat(DeciKw.toKw(123)).isEqualTo(12.3);
        assertThat(DeciKw.toDecimal(123)).hasToString("12.3");
    }
}
