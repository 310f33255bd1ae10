package io.gridflex.siteagent.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MinerTrafficTest {

    @Test
    void aReadingWaitsForTheCommandsOutAndStartsWhenTheyAreAnswered() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofSeconds(30));
        traffic.commandStarted();
        traffic.commandStarted();
        CountDownLatch reading = readingOnItsOwnThread(traffic);

        assertThat(reading.await(200, TimeUnit.MILLISECONDS)).isFalse();
        traffic.commandEnded();
        assertThat(reading.await(200, TimeUnit.MILLISECONDS)).isFalse();
        traffic.commandEnded();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(traffic.commandsOut()).isZero();
    }

    /** A reading begun on a thread of its own; the latch opens once it got its turn. */
    private static CountDownLatch readingOnItsOwnThread(MinerTraffic traffic) {
        CountDownLatch began = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                traffic.beginRead();
                began.countDown();
                traffic.endRead();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return began;
    }

    @Test
    void aCommandThatHangsHoldsReadingsBackForTheYieldOnly() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofMillis(300));
        traffic.commandStarted();
        long began = System.nanoTime();
        traffic.beginRead();
        long waitedMs = (System.nanoTime() - began) / 1_000_000;
        traffic.endRead();

        assertThat(waitedMs).isBetween(250L, 5_000L);
        assertThat(traffic.commandsOut()).isEqualTo(1);
    }

    @Test
    void aReadingWaitingForItsSlotWhenCommandsBeginHoldsBackToo() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(1, Duration.ofSeconds(30));
        traffic.beginRead();
        CountDownLatch second = readingOnItsOwnThread(traffic);
        traffic.commandStarted();
        traffic.endRead();

        assertThat(second.await(200, TimeUnit.MILLISECONDS)).as("its slot is free, but a command is out").isFalse();
        traffic.commandEnded();
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theYieldCountsFromWhenCommandsBeganToBeOutNotPerReading() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofSeconds(2));
        traffic.commandStarted();
        Thread.sleep(2_100);
        long began = System.nanoTime();
        traffic.beginRead();
        traffic.endRead();

        assertThat((System.nanoTime() - began) / 1_000_000).as("the yield is used up").isLessThan(1_500);
    }

    @Test
    void noMoreReadingsRunAtOnceThanItsSlots() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(3, Duration.ofSeconds(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(30);
        for (int i = 0; i < 30; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    traffic.beginRead();
                    try {
                        most.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.sleep(10);
                    } finally {
                        running.decrementAndGet();
                        traffic.endRead();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void atLeastOneReadingMustBeAllowed() {
        assertThatThrownBy(() -> new MinerTraffic(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingsHoldBackAheadOfAnExpectedShedUntilItsCommandsAreAnswered() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofSeconds(30), Duration.ofSeconds(5));
        traffic.expectCommands(System.nanoTime() + Duration.ofMillis(300).toNanos());
        CountDownLatch reading = readingOnItsOwnThread(traffic);

        // Before the shed's instant, and past it while its commands are out, the reading waits.
        assertThat(reading.await(600, TimeUnit.MILLISECONDS)).isFalse();
        traffic.commandStarted();
        assertThat(reading.await(300, TimeUnit.MILLISECONDS)).isFalse();
        traffic.commandEnded();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

        // The quiet is over: the next reading does not wait.
        long began = System.nanoTime();
        traffic.beginRead();
        traffic.endRead();
        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(1_000L);
    }

    @Test
    void readingsResumeAfterTheQuietWindowWhenTheExpectedShedSendsNothing() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofSeconds(30), Duration.ofMillis(200));
        traffic.expectCommands(System.nanoTime() + Duration.ofMillis(100).toNanos());
        long began = System.nanoTime();
        traffic.beginRead();
        long waitedMs = (System.nanoTime() - began) / 1_000_000;
        traffic.endRead();

        // Held until 200 ms after the instant (300 ms from now), not longer.
        assertThat(waitedMs).isBetween(250L, 5_000L);
        began = System.nanoTime();
        traffic.beginRead();
        traffic.endRead();
        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(250L);
    }

    @Test
    void anExpectedShedFarAheadDoesNotHoldReadingsYet() throws InterruptedException {
        MinerTraffic traffic = new MinerTraffic(4, Duration.ofSeconds(30), Duration.ofMillis(500));
        traffic.expectCommands(System.nanoTime() + Duration.ofSeconds(60).toNanos());
        long began = System.nanoTime();
        traffic.beginRead();
        traffic.endRead();

        assertThat((System.nanoTime() - began) / 1_000_000).isLessThan(400L);
    }
}
