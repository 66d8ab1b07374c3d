package dev.squall.kernels.deep;

import dev.squall.kernels.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deep-zoom render by perturbation (the Java reference of the fast path). Every count it returns is the exact one:
 * <ol>
 * <li>one {@link ReferenceOrbit} at the view's centre, with a proven bound on its own error;
 * <li>optionally a {@link BlaTable} of bilinear jumps, with proven remainders;
 * <li>the first tier, for every pixel: the perturbed loop in doubles (or with a separate exponent below a pixel step
 * of {@code 2^-900}) carrying a proven bound on its distance to the pixel's exact orbit; a pixel is accepted only if
 * every comparison with 4 was decided by more than that bound;
 * <li>the second tier, for the pixels the first could not prove (about 0.3 % at deep-zoom.md's 5e113 location): the
 * same loop in double-double, without jumps;
 * <li>{@link DeepOracle}, in arbitrary precision, for any pixel still unproven.
 * </ol>
 * The statistics say how many pixels took each path and how long each stage took. The flow is sequential up to the
 * table, then parallel over the pixels of rows {@code [firstRow, firstRow + rows)} when more than one thread is asked
 * for.
 */
public final class DeepRender {
    /** Extra bits of the reference orbit beyond {@link DeepParams#precisionBits()}. */
    public static final int ORBIT_EXTRA_BITS = 64;
    /** Below this {@code log2} of the pixel step the deltas are kept with their own exponent. */
    public static final double EXTENDED_BELOW_LOG2_STEP = -900;

    private DeepRender() {
    }

    /** Which numbers the per-pixel deltas are kept in. */
    public enum Arithmetic {
        /** Double while the pixel step is above {@code 2^-900}, extended below: the cheaper that is exact. */
        AUTO,
        /** Plain doubles (underflow is accounted for in the bound, so deep views fall back to the oracle). */
        DOUBLE,
        /** A double mantissa with a separate exponent per pixel, at any depth. */
        EXTENDED
    }

    /**
     * How to compute a band of rows.
     *
     * @param firstRow the first row, from 0 (the top)
     * @param rows how many rows, at least 1
     * @param bla whether to use bilinear jumps (the counts are the same either way)
     * @param threads how many threads run the per-pixel loop, at least 1
     * @param arithmetic which numbers the deltas are kept in
     */
    public record Options(int firstRow, int rows, boolean bla, int threads, Arithmetic arithmetic) {
        /**
         * Checks the ranges that do not depend on the image.
         *
         * @throws InvalidParameterException when {@code firstRow} is negative or {@code rows} or {@code threads}
         *     below 1
         * @throws NullPointerException when {@code arithmetic} is null
         */
        public Options {
            if (firstRow < 0) {
                throw new InvalidParameterException("first-row", firstRow, "at least 0");
            }
            if (rows < 1) {
                throw new InvalidParameterException("rows", rows, "at least 1");
            }
            if (threads < 1) {
                throw new InvalidParameterException("threads", threads, "at least 1");
            }
            Objects.requireNonNull(arithmetic, "arithmetic");
        }

        /**
         * The whole image, with bilinear jumps and automatic arithmetic.
         *
         * @param params the render
         * @param threads how many threads, at least 1
         * @return options for every row
         */
        public static Options all(DeepParams params, int threads) {
            return new Options(0, params.height(), true, threads, Arithmetic.AUTO);
        }

        /**
         * {@return these options with bilinear jumps on or off}
         *
         * @param on whether to use them
         */
        public Options withBla(boolean on) {
            return new Options(firstRow, rows, on, threads, arithmetic);
        }

        /**
         * {@return these options with another arithmetic}
         *
         * @param a the arithmetic
         */
        public Options with(Arithmetic a) {
            return new Options(firstRow, rows, bla, threads, a);
        }
    }

    /**
     * What a render did.
     *
     * @param orbitNanos time of the reference orbit
     * @param blaNanos time of the bilinear table (0 without one)
     * @param pixelNanos time of the per-pixel loop (first tier), wall clock
     * @param doubleDoubleNanos time of the second tier (double-double perturbation), wall clock
     * @param oracleNanos time of the oracle's recomputations, wall clock
     * @param orbitLength the reference orbit's last index
     * @param orbitBits the reference orbit's fractional bits
     * @param extended whether the deltas were kept in extended arithmetic
     * @param rebases how many times a pixel rebased onto the start of the reference
     * @param blaJumps how many bilinear jumps were taken
     * @param blaSkippedIterations how many iterations those jumps covered
     * @param steps how many single perturbed steps were computed (both tiers)
     * @param doubleDoublePixels how many pixels the first tier's bound could not prove, recomputed in double-double
     * @param recomputedPixels how many of those the second tier could not prove either, recomputed by
     *     {@link DeepOracle} in arbitrary precision
     * @param unprovenPixels in the fast mode ({@link DeepParams#fast()}), how many counts were kept without proof
     *     (always 0 in the exact mode)
     */
    public record Stats(long orbitNanos, long blaNanos, long pixelNanos, long doubleDoubleNanos, long oracleNanos,
            int orbitLength, int orbitBits, boolean extended, long rebases, long blaJumps, long blaSkippedIterations,
            long steps, int doubleDoublePixels, int recomputedPixels, long unprovenPixels) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "orbit %.3f s (L=%d, %d bits), bla %.3f s, pixels %.3f s, double-double %.3f s (%d pixels), "
                            + "oracle %.3f s (%d pixels), %s, rebases %d, bla jumps %d skipping %d, steps %d"
                            + (unprovenPixels > 0 ? ", " + unprovenPixels + " unproven (fast)" : ""),
                    orbitNanos / 1e9, orbitLength, orbitBits, blaNanos / 1e9, pixelNanos / 1e9,
                    doubleDoubleNanos / 1e9, doubleDoublePixels, oracleNanos / 1e9, recomputedPixels,
                    extended ? "extended" : "double", rebases, blaJumps, blaSkippedIterations, steps);
        }
    }

    /**
     * The counts of a band of rows and what computing them took.
     *
     * @param counts {@code rows * width} counts, row-major, the band's first row first
     * @param stats what the render did
     */
    public record Result(int[] counts, Stats stats) {
    }

    /**
     * Renders rows {@code [firstRow, firstRow + rows)}: every count exact.
     *
     * @param params the render
     * @param options the band, jumps, threads and arithmetic
     * @return the counts and statistics
     * @throws InvalidParameterException when the band reaches past the image's last row, or has more counts than one
     *     Java array holds
     */
    public static Result compute(DeepParams params, Options options) {
        return prepare(params, options.bla(), options.arithmetic()).compute(options.firstRow(), options.rows(),
                options.threads());
    }

    /**
     * Does the per-render work once: the reference orbit in arbitrary precision, the bilinear table, the choice of
     * arithmetic. The result computes any band of rows, any number of times, from any thread.
     *
     * @param params the render
     * @param bla whether bilinear jumps are taken (never changes a count)
     * @param arithmetic the deltas' number form
     * @return the prepared render
     */
    public static Prepared prepare(DeepParams params, boolean bla, Arithmetic arithmetic) {
        return new Prepared(params, bla, arithmetic);
    }

    /** A render with its reference orbit and bilinear table computed: bands of rows on demand. */
    public static final class Prepared {
        private final DeepParams params;
        private final int bits;
        private final ReferenceOrbit orbit;
        private final ExactCoordinates coordinates;
        private final boolean extended;
        private final BlaTable table;
        private final Perturbation loop;

        private Prepared(DeepParams params, boolean bla, Arithmetic arithmetic) {
            this.params = params;
            this.bits = params.precisionBits() + ORBIT_EXTRA_BITS;
            this.orbit = ReferenceOrbit.ofCenter(params, bits);
            this.coordinates = new ExactCoordinates(params);
            ExtendedDouble halfStep = coordinates.halfStep();
            double[] fractions = coordinates.centerFloorFractions(bits);
            this.extended = switch (arithmetic) {
                case AUTO -> params.log2PixelStep() < EXTENDED_BELOW_LOG2_STEP;
                case DOUBLE -> false;
                case EXTENDED -> true;
            };
            if (bla) {
                // Every |dc| is at most (W + H) s/2 + 2 2^-p, and its rounding error below 2^-49 of that.
                ExtendedDouble maxDc = halfStep.multiply(params.width() + params.height())
                        .add(new ExtendedDouble(1.0, 1 - bits)).multiply(1 + 0x1p-45).up();
                this.table = BlaTable.build(orbit, maxDc);
            } else {
                this.table = null;
            }
            this.loop = new Perturbation(orbit, table, params.maxIter(), extended, halfStep, fractions, params.fast());
        }

        /** {@return the render these bands are of} */
        public DeepParams params() {
            return params;
        }

        /**
         * Renders rows {@code [firstRow, firstRow + rows)}: every count exact. The statistics' orbit and table
         * times are the preparation's, the same for every band.
         *
         * @param firstRow the band's first row
         * @param rows how many rows
         * @param threads threads for the band's pixels, at least 1
         * @return the counts and statistics
         * @throws InvalidParameterException when the band reaches past the image's last row, or has more counts
         *     than one Java array holds
         */
        public Result compute(int firstRow, int rows, int threads) {
            Unsettled first = firstTier(firstRow, rows, threads);
            return settle(firstRow, rows, first.counts(), first.work(), first.nanos(), threads);
        }

        /**
         * The first tier alone, as a device's delta loop computes it ({@link DeepKernel}): each count exact or
         * {@link DeepKernel#UNCERTAIN}.
         *
         * @param firstRow the band's first row
         * @param rows how many rows
         * @param threads threads for the band's pixels, at least 1
         * @return the counts, what the loop did and how long it took
         * @throws InvalidParameterException as {@link #compute} does
         */
        public Unsettled firstTier(int firstRow, int rows, int threads) {
            checkBand(firstRow, rows);
            if (threads < 1) {
                throw new InvalidParameterException("threads", threads, "at least 1");
            }
            int w = params.width();
            int[] counts = new int[rows * w];
            List<Perturbation.Counters> all = new ArrayList<>();
            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            Runnable work = () -> {
                Perturbation.Counters c = new Perturbation.Counters();
                synchronized (all) {
                    all.add(c);
                }
                for (int i = next.getAndIncrement(); i < counts.length; i = next.getAndIncrement()) {
                    int px = i % w;
                    int py = firstRow + i / w;
                    counts[i] = loop.count(2 * px - w, params.height() - 2 * py, c);
                }
            };
            runAll(work, threads);
            return new Unsettled(counts, FirstTier.of(all), System.nanoTime() - t0);
        }

        /**
         * Finishes a band whose first tier ran elsewhere (a device's delta loop, {@link DeepKernel}): the counts
         * marked {@link DeepKernel#UNCERTAIN} are recomputed in double-double and, where that cannot prove them
         * either, by the oracle. The first tier must have been this render's, step for step: its counts are kept
         * as they are.
         *
         * @param firstRow the band's first row
         * @param rows how many rows
         * @param counts {@code rows * width} first-tier counts, overwritten where uncertain
         * @param first what the first tier did
         * @param firstTierNanos how long it took
         * @param threads threads for the recomputed pixels, at least 1
         * @return the counts (the same array) and statistics
         * @throws InvalidParameterException when the band reaches past the image or {@code counts} is not its size
         */
        public Result settle(int firstRow, int rows, int[] counts, FirstTier first, long firstTierNanos,
                int threads) {
            checkBand(firstRow, rows);
            int w = params.width();
            if (counts.length != rows * w) {
                throw new InvalidParameterException("counts", counts.length, "the band's " + rows * w + " counts");
            }
            long t1 = System.nanoTime();
            List<Perturbation.Counters> all = new ArrayList<>();
            List<Integer> uncertain = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Perturbation.UNCERTAIN) {
                    uncertain.add(i);
                }
            }
            List<Integer> settled = new ArrayList<>();
            if (!uncertain.isEmpty()) {
                DoubleDoublePerturbation second = new DoubleDoublePerturbation(orbit, params.maxIter(), extended,
                        coordinates.halfStepDoubleDouble(), coordinates.centerFloorFractionsDoubleDouble(bits));
                AtomicInteger k = new AtomicInteger();
                runAll(() -> {
                    Perturbation.Counters c = new Perturbation.Counters();
                    synchronized (all) {
                        all.add(c);
                    }
                    for (int j = k.getAndIncrement(); j < uncertain.size(); j = k.getAndIncrement()) {
                        int i = uncertain.get(j);
                        counts[i] = second.count(2 * (i % w) - w, params.height() - 2 * (firstRow + i / w), c);
                    }
                }, Math.min(threads, uncertain.size()));
                for (int i : uncertain) {
                    if (counts[i] != Perturbation.UNCERTAIN) {
                        settled.add(i);
                    }
                }
                uncertain.removeAll(settled);
            }
            long t15 = System.nanoTime();
            if (!uncertain.isEmpty()) {
                DeepOracle oracle = new DeepOracle(params);
                AtomicInteger k = new AtomicInteger();
                runAll(() -> {
                    for (int j = k.getAndIncrement(); j < uncertain.size(); j = k.getAndIncrement()) {
                        int i = uncertain.get(j);
                        counts[i] = oracle.count(i % w, firstRow + i / w);
                    }
                }, Math.min(threads, uncertain.size()));
            }
            long t2 = System.nanoTime();
            FirstTier work = first.plus(FirstTier.of(all));
            Stats stats = new Stats(orbit.nanos(), table == null ? 0 : table.nanos(), firstTierNanos, t15 - t1,
                    t2 - t15, orbit.length(), bits, extended, work.rebases(), work.blaJumps(),
                    work.blaSkippedIterations(), work.steps(), settled.size() + uncertain.size(), uncertain.size(),
                    work.unproven());
            return new Result(counts, stats);
        }

        private void checkBand(int firstRow, int rows) {
            if (firstRow < 0 || rows < 1 || (long) firstRow + rows > params.height()) {
                throw new InvalidParameterException("rows", firstRow + "+" + rows,
                        "within the image's " + params.height() + " rows");
            }
            if ((long) rows * params.width() > Integer.MAX_VALUE - 8) {
                throw new InvalidParameterException("rows", rows,
                        "few enough that rows x " + params.width() + " counts fit one Java array");
            }
        }

        /** The loop of the first tier, for {@link DeepKernel} to hand to a device. */
        Perturbation loop() {
            return loop;
        }

        /** The reference orbit. */
        ReferenceOrbit orbit() {
            return orbit;
        }
    }

    /**
     * A band after its first tier.
     *
     * @param counts the band's counts, row-major, {@link DeepKernel#UNCERTAIN} where unproven
     * @param work what the loop did
     * @param nanos how long it took, wall clock
     */
    public record Unsettled(int[] counts, FirstTier work, long nanos) {
    }

    /**
     * What a band's first tier did, summed over its pixels.
     *
     * @param rebases rebases onto the reference's start
     * @param blaJumps bilinear jumps taken
     * @param blaSkippedIterations iterations those jumps covered
     * @param steps single perturbed steps
     * @param unproven in the fast mode, the pixels whose counts were kept without proof
     */
    public record FirstTier(long rebases, long blaJumps, long blaSkippedIterations, long steps, long unproven) {
        /** Nothing done. */
        public static final FirstTier NONE = new FirstTier(0, 0, 0, 0, 0);

        static FirstTier of(List<Perturbation.Counters> all) {
            FirstTier sum = NONE;
            for (Perturbation.Counters c : all) {
                sum = sum.plus(new FirstTier(c.rebases, c.blaJumps, c.blaSkipped, c.steps, c.unproven));
            }
            return sum;
        }

        /**
         * {@return the sum of this and {@code o}}
         *
         * @param o another band's or pixel's work
         */
        public FirstTier plus(FirstTier o) {
            return new FirstTier(rebases + o.rebases, blaJumps + o.blaJumps,
                    blaSkippedIterations + o.blaSkippedIterations, steps + o.steps, unproven + o.unproven);
        }
    }

    /** Runs {@code work} on {@code threads} threads at once (on this one for 1) and waits for all. */
    static void runAll(Runnable work, int threads) {
        if (threads <= 1) {
            work.run();
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(work));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
