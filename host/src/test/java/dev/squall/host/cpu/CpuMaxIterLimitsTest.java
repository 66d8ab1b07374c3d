package dev.squall.host.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.Schedule;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU backend's f32 path keeps counts in float lanes up to max-iter 2^20 (so that 16 of them sum exactly in a
 * float) and in int lanes above: both sides of that limit, and past 2^24, against the reference, with interior
 * pixels that reach the limit through the cycle shortcut, and the executed iterations summed without rounding.
 */
class CpuMaxIterLimitsTest {

    @ParameterizedTest
    @ValueSource(ints = {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, (1 << 24) + 1, Integer.MAX_VALUE})
    void f32CountsAreExactOnBothSidesOfTheFloatCounterLimit(int maxIter) {
        // 37 x 5 pixels: a width that leaves a partial pair of vectors, interior and exterior in every row.
        MandelbrotParams params = new MandelbrotParams(37, 5, new View(-2.0, 0.4, -0.3, 0.3), maxIter, Precision.F32);
        RenderResult result;
        try (CpuBackend cpu = new CpuBackend()) {
            result = MandelbrotRenderer.render(cpu, params, Schedule.DEFAULT);
        }
        long interior = 0;
        try (var counts = result.counts()) {
            for (int py = 0; py < 5; py++) {
                for (int px = 0; px < 37; px++) {
                    long count = counts.get(py * 37L + px);
                    interior += count == maxIter ? 1 : 0;
                    // The reference only for exterior pixels: an interior one would run maxIter steps in Java.
                    if (count != maxIter) {
                        assertEquals(MandelbrotReference.pixel(params, px, py), count, "pixel " + px + "," + py);
                    }
                }
            }
            assertEquals(counts.sum(), result.iterations());
        }
        // The interior the reference would confirm in maxIter steps each: counted from a cheaper run at max-iter
        // 10000 (every orbit that survives 10000 steps here is inside the set: these are cardioid and bulb points).
        MandelbrotParams short10k = new MandelbrotParams(37, 5, params.view(), 10000, Precision.F32);
        long interior10k = 0;
        for (int py = 0; py < 5; py++) {
            for (int px = 0; px < 37; px++) {
                interior10k += MandelbrotReference.pixel(short10k, px, py) == 10000 ? 1 : 0;
            }
        }
        assertEquals(interior10k, interior);
        assertTrue(interior > 20, interior + " interior pixels");
        // Every interior orbit was caught by the shortcut long before the limit: far fewer steps executed than
        // counted, and the exterior ones all executed.
        long exteriorSum = result.iterations() - interior * (long) maxIter;
        long executedInterior = result.stages().executedIterations() - exteriorSum;
        assertTrue(executedInterior > 0 && executedInterior < interior * 100_000L,
                executedInterior + " steps for " + interior + " interior pixels");
    }
}
