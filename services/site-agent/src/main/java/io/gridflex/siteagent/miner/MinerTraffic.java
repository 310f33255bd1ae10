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
 * <p>
 * A shed announced ahead is made way for before it begins: readings that would start within {@code quietAhead} of its
 * instant wait for it, so the readings under way have finished and the CPU is free when its commands go out. The quiet
 * ends once those commands are answered, or {@code quietAhead} after the instant should none come.
 */
public final class MinerTraffic {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final Semaphore readSlots;
    private final long maxYieldNanos;
    private final long quietAheadNanos;
    private int commandsOut;
    /** Whether a quiet window is set, and its bounds (System.nanoTime). */
    private boolean quietSet;
    private long quietFromNanos;
    private long quietUntilNanos;
    /** When the commands now out began to be out (System.nanoTime). */
    private long busySinceNanos;

    public MinerTraffic(int readSlots, Duration maxYield) {
        this(readSlots, maxYield, Duration.ZERO);
    }

    public MinerTraffic(int readSlots, Duration maxYield, Duration quietAhead) {
        if (readSlots < 1) {
            throw new IllegalArgumentException("at least one reading must be allowed at a time");
        }
        this.readSlots = new Semaphore(readSlots);
        this.maxYieldNanos = maxYield.toNanos();
        this.quietAheadNanos = Math.max(0, quietAhead.toNanos());
    }

    /**
     * Commands are expected at {@code atNanos} (System.nanoTime): readings hold back from {@code quietAhead} before it
     * until they are answered, or at most {@code quietAhead} after it. Replaces any earlier expectation.
     */
    public void expectCommands(long atNanos) {
        if (quietAheadNanos == 0) {
            return;
        }
        lock.lock();
        try {
            quietSet = true;
            quietFromNanos = atNanos - quietAheadNanos;
            quietUntilNanos = atNanos + quietAheadNanos;
            quiet.signalAll();
        } finally {
            lock.unlock();
        }
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
                if (quietSet && System.nanoTime() - quietFromNanos >= 0) {
                    // The expected commands came and are answered: the quiet has served its purpose.
                    quietSet = false;
                }
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
     * Takes a reading slot, then, holding it, waits while commands are out (up to the yield bound) or expected (up to
     * the quiet window's end): a reading that got its slot before a shed began holds back too. {@link #endRead()} must
     * follow once the reading is done.
     */
    public void beginRead() throws InterruptedException {
        readSlots.acquire();
        lock.lock();
        try {
            for (long left; (left = holdFor(System.nanoTime())) > 0;) {
                quiet.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            readSlots.release();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** How long a reading starting at {@code now} must still wait; 0 or less when it may start. */
    private long holdFor(long now) {
        long hold = 0;
        if (commandsOut > 0) {
            hold = busySinceNanos + maxYieldNanos - now;
        }
        if (quietSet) {
            if (now - quietUntilNanos >= 0) {
                quietSet = false;
            } else if (now - quietFromNanos >= 0 && commandsOut == 0) {
                hold = Math.max(hold, quietUntilNanos - now);
            }
        }
        return hold;
    }

    public void endRead() {
        readSlots.release();
    }
}
