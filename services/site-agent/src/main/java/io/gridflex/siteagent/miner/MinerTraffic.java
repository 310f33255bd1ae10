package io.gridflex.siteagent.miner;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commands go before readings. While sleep, wake or power-target commands are out, readings hold back, and at most
 * {@code readSlots} readings run at once. A shed of thousands of miners then does not queue behind a round of reading
 * all of them: on a small machine both are bound by the CPU, and a reading that waits half a second costs nothing,
 * a sleep command that waits costs the site its target. Readings hold back for at most {@code maxYield} from the moment
 * commands began to be out, so commands to a hung miner (out for the whole client timeout and its retries) or a steady
 * trickle of commands never stop the readings for longer.
 */
public final class MinerTraffic {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final Semaphore readSlots;
    private final long maxYieldNanos;
    private int commandsOut;
    /** When the commands now out began to be out (System.nanoTime). */
    private long busySinceNanos;

    public MinerTraffic(int readSlots, Duration maxYield) {
        if (readSlots < 1) {
            throw new IllegalArgumentException("at least one reading must be allowed at a time");
        }
        this.readSlots = new Semaphore(readSlots);
        this.maxYieldNanos = maxYield.toNanos();
    }

    /** A command is about to go out. */
    public void commandStarted() {
        lock.lock();
        try {
            if (commandsOut++ == 0) {
                busySinceNanos = System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A command was answered, failed or gave up. */
    public void commandEnded() {
        lock.lock();
        try {
            if (--commandsOut <= 0) {
                commandsOut = 0;
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Commands out now. */
    public int commandsOut() {
        lock.lock();
        try {
            return commandsOut;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a reading slot, then, holding it, waits while commands are out (up to the yield bound): a reading that
     * got its slot before a shed began holds back too. {@link #endRead()} must follow once the reading is done.
     */
    public void beginRead() throws InterruptedException {
        readSlots.acquire();
        lock.lock();
        try {
            while (commandsOut > 0) {
                long left = busySinceNanos + maxYieldNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                quiet.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            readSlots.release();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    public void endRead() {
        readSlots.release();
    }
}
