package io.gridflex.settlement.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void thirdsAddUpToTheRoundedWhole() {
        // Each third rounds to 0.333 on its own: 0.999 in all. The missing unit goes to the largest remainder.
        BigDecimal third = new BigDecimal("0.3333333");
        List<BigDecimal> rounded = LargestRemainder.round(List.of(third, third, new BigDecimal("0.3333334")), 3);

        assertThat(rounded).containsExactly(new BigDecimal("0.333"), new BigDecimal("0.333"),
                new BigDecimal("0.334"));
    }

    @Test
    void equalRemaindersGiveTheUnitToThePartListedFirst() {
        BigDecimal half = new BigDecimal("0.0005");

        assertThat(LargestRemainder.round(List.of(half, half), 3))
                .containsExactly(new BigDecimal("0.001"), new BigDecimal("0.000"));
    }

    @Test
    void negativePartsRoundTheSameWay() {
        // -1.0000 in all; floors -0.334, -0.334, -0.333 = -1.001: one unit back, to the first of the two 0.0005s.
        List<BigDecimal> rounded = LargestRemainder.round(
                List.of(new BigDecimal("-0.3335"), new BigDecimal("-0.3335"), new BigDecimal("-0.3330")), 3);

        assertThat(rounded).containsExactly(new BigDecimal("-0.333"), new BigDecimal("-0.334"),
                new BigDecimal("-0.333"));
    }

    @Test
    void aSinglePartRoundsHalfEvenLikeTheWhole() {
        assertThat(LargestRemainder.round(List.of(new BigDecimal("2.8125")), 3))
                .containsExactly(new BigDecimal("2.812"));
        assertThat(LargestRemainder.round(List.of(new BigDecimal("2.8135")), 3))
                .containsExactly(new BigDecimal("2.814"));
        assertThat(LargestRemainder.round(List.of(), 3)).isEmpty();
    }

    @Test
    void aPartWithNothingLeftOverIsNeverRoundedUp() {
        assertThat(LargestRemainder.round(List.of(new BigDecimal("1.000"), new BigDecimal("0.0009")), 3))
                .containsExactly(new BigDecimal("1.000"), new BigDecimal("0.001"));
    }

    @Test
    void theRoundedPartsAlwaysAddUpToTheRoundedSumAndStayWithinAUnitOfTheirValue() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            List<BigDecimal> exact = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                exact.add(BigDecimal.valueOf(random.nextLong(-5_000_000_000L, 5_000_000_000L), 7));
            }
            List<BigDecimal> rounded = LargestRemainder.round(exact, 3);

            BigDecimal sum = exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(rounded.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualTo(sum.setScale(3, RoundingMode.HALF_EVEN));
            for (int i = 0; i < exact.size(); i++) {
                assertThat(rounded.get(i).subtract(exact.get(i)).abs()).isLessThan(new BigDecimal("0.001"));
            }
        }
    }
}
