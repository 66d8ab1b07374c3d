package dev.squall.host.cpu;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.kernels.mandelbrot.Formula;
import java.lang.foreign.MemorySegment;

/**
 * The f64 rows of every formula in plain scalar Java, one pixel after another: the loop a cold JVM runs while C2
 * is still compiling the vector loops ({@link ColdStart}). Until then the vector loops run in the interpreter and
 * C1 with every vector boxed, tens of times slower than this loop, which C2 compiles within milliseconds. Same
 * steps, same order, same cycle shortcut (plain steps up to {@link VectorMandelbrot#CHECK_FROM}, then the checked
 * ones): the counts and the iterations executed are those of the vector loops, pixel for pixel.
 */
final class ScalarRows {
    private static final int CHECK_FROM = VectorMandelbrot.CHECK_FROM;

    private ScalarRows() {
    }

    /** One row of {@code formula} in f64 into {@code out} from {@code outIndex}; returns the iterations executed. */
    static long rowF64(Formula formula, double[] xs, double y0, int maxIter, boolean cycles, MemorySegment out,
            long outIndex) {
        boolean julia = formula instanceof Formula.Julia;
        double jr = julia ? ((Formula.Julia) formula).cr() : 0.0;
        double ji = julia ? ((Formula.Julia) formula).ci() : 0.0;
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int code = formula.code();
        int plain = cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
        long executed = 0;
        int px = 0;
        if (code == 0) {
            // The Mandelbrot set two pixels at a time: two independent chains of multiplies and adds overlap where
            // one leaves the core waiting on each result. When either escapes, each goes on alone.
            for (; px + 1 < xs.length; px += 2) {
                double cxa = xs[px];
                double cxb = xs[px + 1];
                double ax = 0.0;
                double ay = 0.0;
                double bx = 0.0;
                double by = 0.0;
                int n = 0;
                for (; n < plain; n++) {
                    double axx = ax * ax;
                    double ayy = ay * ay;
                    double bxx = bx * bx;
                    double byy = by * by;
                    if (!(axx + ayy <= 4.0) || !(bxx + byy <= 4.0)) {
                        break;
                    }
                    double nay = 2.0 * ax * ay + y0;
                    double nby = 2.0 * bx * by + y0;
                    ax = axx - ayy + cxa;
                    bx = bxx - byy + cxb;
                    ay = nay;
                    by = nby;
                }
                executed += store(orbit(0, 2, ax, ay, 0.0, 0.0, cxa, y0, n, plain, maxIter), maxIter, out,
                        outIndex + px);
                executed += store(orbit(0, 2, bx, by, 0.0, 0.0, cxb, y0, n, plain, maxIter), maxIter, out,
                        outIndex + px + 1);
            }
        }
        for (; px < xs.length; px++) {
            double cx = julia ? jr : xs[px];
            double cy = julia ? ji : y0;
            double startX = julia ? xs[px] : 0.0;
            double startY = julia ? y0 : 0.0;
            executed += store(orbit(code, power, startX, startY, startX, startY, cx, cy, 0, plain, maxIter), maxIter,
                    out, outIndex + px);
        }
        return executed;
    }

    /** Stores an {@link #orbit}'s count; returns the steps it executed. */
    private static long store(long finished, int maxIter, MemorySegment out, long index) {
        out.setAtIndex(CountsBuffer.COUNT, index, finished < 0 ? maxIter : (int) finished);
        return Math.abs(finished);
    }

    /**
     * One orbit from step {@code from} (its state {@code (x, y)}, its start state {@code (startX, startY)}) to
     * {@code maxIter}: plain steps up to {@code plain}, then (the shortcut on: {@code plain < maxIter}) each new
     * state compared with the saved one (the start state, then those at steps {@link #CHECK_FROM}, twice that, ...),
     * as every other loop does. Returns the steps taken (the count), negated when the orbit cycled (its count is
     * then {@code maxIter}).
     */
    static long orbit(int code, int power, double x, double y, double startX, double startY, double cx, double cy,
            int from, int plain, int maxIter) {
        double savedX = startX;
        double savedY = startY;
        long saveAt = CHECK_FROM;
        for (int n = from; n < maxIter; n++) {
            double xx = x * x;
            double yy = y * y;
            if (!(xx + yy <= 4.0)) {
                return n;
            }
            double nx;
            double ny;
            switch (code) {
                case 0, 1 -> {
                    nx = xx - yy + cx;
                    ny = 2.0 * x * y + cy;
                }
                case 2 -> {
                    nx = xx - yy + cx;
                    ny = 2.0 * Math.abs(x) * Math.abs(y) + cy;
                }
                case 3 -> {
                    nx = xx - yy + cx;
                    ny = -2.0 * x * y + cy;
                }
                default -> {
                    double pr = x;
                    double pi = y;
                    for (int k = 1; k < power; k++) {
                        double r = pr * x - pi * y;
                        pi = pr * y + pi * x;
                        pr = r;
                    }
                    nx = pr + cx;
                    ny = pi + cy;
                }
            }
            x = nx;
            y = ny;
            if (n >= plain) {
                if ((n & VectorMandelbrot.EVERY) == VectorMandelbrot.EVERY && x == savedX && y == savedY) {
                    return -(n + 1);
                }
                if (n + 1 == saveAt) {
                    savedX = x;
                    savedY = y;
                    saveAt <<= 1;
                }
            }
        }
        return maxIter;
    }
}
