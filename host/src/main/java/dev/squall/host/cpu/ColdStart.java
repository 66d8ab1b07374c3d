package dev.squall.host.cpu;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which loop a CPU row of f64 takes while the JVM is cold. C2 needs seconds to compile the vector loops (large
 * methods, every Vector API call inlined); until it has, they run in the interpreter and C1 with boxed vectors, far
 * slower than the scalar loop ({@link ScalarRows}), which C2 compiles within milliseconds. So rows go to the scalar
 * loop. Only a render still running {@link #DELAY_NANOS} after its first cold row starts to send a piece of a row
 * ({@link CpuEscapeTime#PIECE} pixels at most) now and then to the vector loop: a short render never pays for the vector loops' compilation, which takes a core for a second
 * or two (on 2 cores the README's render took 1.2-1.6 s with the vector loops sampled from the start, 0.5-0.6 s on
 * the scalar loop alone; BENCHMARKS.md). The samples come often enough that C2 sees the vector loop hot and
 * compiles it, rarely enough (a sample waits four times as long as the last slow one took) that the slow samples
 * cost at most a fifth of a thread. Once a sample runs at least 1.5 times the scalar loop's best rate, every later
 * row in this JVM takes the vector loop. Both loops give the same counts and execute the same iterations, so this only moves time.
 * {@code -Dsquall.cpu.vectorsFromTheStart=true} skips the cold phase (for benchmarks of the vector loops alone).
 */
final class ColdStart {
    /** The one this JVM's CPU backends share: what C2 has compiled is the JVM's. */
    static final ColdStart JVM = new ColdStart(Boolean.getBoolean("squall.cpu.vectorsFromTheStart"));
    /** Rows with fewer iterations are too short to time. */
    static final long TIMED_FROM = 20_000;
    static final long FIRST_GAP_NANOS = 2_000_000;
    static final long MAX_GAP_NANOS = 200_000_000;
    /** How much faster than the scalar loop's best a vector row must be for the switch. */
    static final double FASTER = 1.5;
    /** How long the scalar loop alone takes the rows, from the first cold row, before the vector loop is sampled. */
    static final long DELAY_NANOS = 500_000_000;

    private volatile boolean vectorsFast;
    /** When the first sample may be taken: {@link #DELAY_NANOS} after the first cold row (MIN_VALUE before it). */
    private final AtomicLong nextSample = new AtomicLong(Long.MIN_VALUE);
    private volatile long gap = FIRST_GAP_NANOS;
    /** The scalar loop's best rate so far, iterations per nanosecond. */
    private volatile double scalarRate;

    ColdStart(boolean vectorsFast) {
        this.vectorsFast = vectorsFast;
    }

    /**
     * {@return whether a row starting at {@code now} takes the vector loop: always once it has been seen fast;
     * never within {@link #DELAY_NANOS} of the first cold row; after that when the gap since the last sample has
     * passed (one row claims each sample)}
     *
     * @param now {@link System#nanoTime()}
     */
    boolean vectors(long now) {
        if (vectorsFast) {
            return true;
        }
        long next = nextSample.get();
        if (next == Long.MIN_VALUE) {
            nextSample.compareAndSet(Long.MIN_VALUE, now + DELAY_NANOS);
            return false;
        }
        return now - next >= 0 && nextSample.compareAndSet(next, now + gap);
    }

    /**
     * What a row took.
     *
     * @param vector whether it took the vector loop
     * @param iterations the iterations it executed
     * @param nanos how long it took
     */
    void record(boolean vector, long iterations, long nanos) {
        if (vectorsFast || iterations < TIMED_FROM || nanos <= 0) {
            return;
        }
        double rate = (double) iterations / nanos;
        if (!vector) {
            if (rate > scalarRate) {
                scalarRate = rate;
            }
        } else if (scalarRate > 0 && rate >= FASTER * scalarRate) {
            vectorsFast = true;
        } else {
            gap = Math.max(FIRST_GAP_NANOS, Math.min(MAX_GAP_NANOS, 4 * nanos));
        }
    }

    /** Every row from now on takes the vector loop (benchmarks of its steady pace). */
    void vectorsFromNowOn() {
        vectorsFast = true;
    }

    /** {@return whether rows take the vector loop for good} */
    boolean vectorsFast() {
        return vectorsFast;
    }

    /** {@return the wait before the next sample, nanoseconds} */
    long gap() {
        return gap;
    }
}
