package dev.squall.kernels.tornado;

import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The Mandelbrot kernel in the Java that TornadoVM compiles to OpenCL (or PTX, SPIR-V): the same loop as
 * {@code mandelbrot.cl}'s one-pixel-per-work-item variant and
 * {@link dev.squall.kernels.mandelbrot.MandelbrotReference}, step for step, including the exact cycle shortcut from
 * {@link MandelbrotKernel#CYCLE_CHECK_FROM}, so that counts and executed iterations equal every other backend's.
 *
 * <p>Two launch styles of one pixel function: {@code parallel*} ({@code @Parallel} loops over rows and columns;
 * TornadoVM picks the work-group sizes) and {@code context*} ({@link KernelContext}: the host chooses global and
 * local sizes, the global size rounded up to whole work-groups, and items outside the band do nothing).
 *
 * <p>Arguments: {@code xs} the column coordinates, {@code ys} this band's row coordinates (host-computed, see
 * {@link dev.squall.kernels.mandelbrot.MandelbrotGrid}); {@code counts} and {@code executed} {@code width * rows}
 * ints, row-major; {@code checkAfter} the step after which states are compared for cycles
 * ({@link #checkAfter}). Counts are at least 1 (the start state (0, 0) never escapes), so a count of 0 after a
 * launch marks a pixel the device never wrote.
 *
 * <p>Exactness needs TornadoVM's multiply-add fusion off ({@code tornado.enable.fma=false}) and no fast-math build
 * flags; the host sets both unless asked for TornadoVM's fast mode. The orbit loop ends through its condition (a
 * {@code live} flag), not {@code break}: the same loop with two {@code break}s (escape, cycle) gave counts that
 * changed from run to run on TornadoVM 5.2 with PoCL (sum 211,660,276 instead of 458,700,700 on the seed view),
 * and ran no faster. TornadoVM compiles {@code xx + yy <= 4} as {@code !(4 < xx + yy)}, which differs for NaN;
 * no state reaches NaN here (each step starts from |z|^2 <= 4 and a finite, host-checked c), so counts agree.
 */
public final class MandelbrotTornado {
    private static final int CHECK_FROM = MandelbrotKernel.CYCLE_CHECK_FROM;
    private static final int CHECK_EVERY = MandelbrotKernel.CYCLE_CHECK_EVERY;

    private MandelbrotTornado() {
    }

    /** The {@code checkAfter} argument: states after this step are checked for cycles ({@code maxIter}: never). */
    public static int checkAfter(int maxIter, boolean cycles) {
        return cycles ? Math.min(maxIter, CHECK_FROM - 1) : maxIter;
    }

    public static void parallelF64(DoubleArray xs, DoubleArray ys, IntArray counts, IntArray executed, int width,
            int rows, int maxIter, int checkAfter) {
        for (@Parallel int py = 0; py < rows; py++) {
            for (@Parallel int px = 0; px < width; px++) {
                pixelF64(xs, ys, counts, executed, width, maxIter, checkAfter, px, py);
            }
        }
    }

    public static void contextF64(KernelContext context, DoubleArray xs, DoubleArray ys, IntArray counts,
            IntArray executed, int width, int rows, int maxIter, int checkAfter) {
        int px = context.globalIdx;
        int py = context.globalIdy;
        if (px < width && py < rows) {
            pixelF64(xs, ys, counts, executed, width, maxIter, checkAfter, px, py);
        }
    }

    public static void parallelF32(FloatArray xs, FloatArray ys, IntArray counts, IntArray executed, int width,
            int rows, int maxIter, int checkAfter) {
        for (@Parallel int py = 0; py < rows; py++) {
            for (@Parallel int px = 0; px < width; px++) {
                pixelF32(xs, ys, counts, executed, width, maxIter, checkAfter, px, py);
            }
        }
    }

    public static void contextF32(KernelContext context, FloatArray xs, FloatArray ys, IntArray counts,
            IntArray executed, int width, int rows, int maxIter, int checkAfter) {
        int px = context.globalIdx;
        int py = context.globalIdy;
        if (px < width && py < rows) {
            pixelF32(xs, ys, counts, executed, width, maxIter, checkAfter, px, py);
        }
    }

    /**
     * One orbit: {@code x*x}, {@code y*y}, their sum against 4, {@code (x*x - y*y) + x0}, {@code (2*x)*y + y0},
     * each rounded; after step {@code checkAfter} each new state is compared with the saved one (the start state,
     * then those at steps 64, 128, 256, ...), and a repeat ends the orbit with {@code maxIter}.
     */
    private static void pixelF64(DoubleArray xs, DoubleArray ys, IntArray counts, IntArray executed, int width,
            int maxIter, int checkAfter, int px, int py) {
        double x0 = xs.get(px);
        double y0 = ys.get(py);
        double x = 0.0;
        double y = 0.0;
        double savedX = 0.0;
        double savedY = 0.0;
        int n = 0;
        int saveAt = CHECK_FROM;
        int cycled = 0;
        int live = 1;
        while (live == 1 && n < maxIter) {
            double xx = x * x;
            double yy = y * y;
            if (xx + yy <= 4.0) {
                double t = xx - yy + x0;
                y = 2.0 * x * y + y0;
                x = t;
                n++;
                if (n > checkAfter) {
                    if (n % CHECK_EVERY == 0 && x == savedX && y == savedY) {
                        cycled = 1;
                        live = 0;
                    }
                    if (n == saveAt) {
                        savedX = x;
                        savedY = y;
                        saveAt = saveAt << 1;
                    }
                }
            } else {
                live = 0;
            }
        }
        int i = py * width + px;
        counts.set(i, cycled == 1 ? maxIter : n);
        executed.set(i, n);
    }

    /** {@link #pixelF64} in single precision. */
    private static void pixelF32(FloatArray xs, FloatArray ys, IntArray counts, IntArray executed, int width,
            int maxIter, int checkAfter, int px, int py) {
        float x0 = xs.get(px);
        float y0 = ys.get(py);
        float x = 0.0f;
        float y = 0.0f;
        float savedX = 0.0f;
        float savedY = 0.0f;
        int n = 0;
        int saveAt = CHECK_FROM;
        int cycled = 0;
        int live = 1;
        while (live == 1 && n < maxIter) {
            float xx = x * x;
            float yy = y * y;
            if (xx + yy <= 4.0f) {
                float t = xx - yy + x0;
                y = 2.0f * x * y + y0;
                x = t;
                n++;
                if (n > checkAfter) {
                    if (n % CHECK_EVERY == 0 && x == savedX && y == savedY) {
                        cycled = 1;
                        live = 0;
                    }
                    if (n == saveAt) {
                        savedX = x;
                        savedY = y;
                        saveAt = saveAt << 1;
                    }
                }
            } else {
                live = 0;
            }
        }
        int i = py * width + px;
        counts.set(i, cycled == 1 ? maxIter : n);
        executed.set(i, n);
    }
}
