package dev.squall.host.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scalar rows a cold JVM runs ({@link ScalarRows}) against the vector loops, row for row: the same counts (the
 * reference's) and the same iterations executed, for every formula, shortcut on and off, with orbits that cycle,
 * escape, and reach the maximum below and above the shortcut's first step; and the choice between them
 * ({@link ColdStart}).
 */
class ScalarRowsTest {
    @Test
    void scalarRowsAreTheVectorRowsCountForCountAndStepForStep() {
        List<Formula> formulas = List.of(Formula.MANDELBROT, new Formula.Julia(-0.8, 0.156), new Formula.BurningShip(),
                new Formula.Tricorn(), new Formula.Multibrot(3), new Formula.Multibrot(5));
        for (Formula formula : formulas) {
            for (int maxIter : new int[] {100, 700, 3000}) {
                for (boolean cycles : new boolean[] {true, false}) {
                    MandelbrotParams p = new MandelbrotParams(203, 9, new View(-1.9, 1.1, -1.05, 1.2), maxIter,
                            Precision.F64, formula);
                    MandelbrotGrid grid = MandelbrotGrid.of(p);
                    int[] reference = MandelbrotReference.render(p);
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment a = arena.allocate(203L * 4, 4);
                        MemorySegment b = arena.allocate(203L * 4, 4);
                        for (int row = 0; row < p.height(); row++) {
                            String where = formula.name() + " max-iter " + maxIter + " shortcut " + cycles + " row "
                                    + row;
                            long scalar = ScalarRows.rowF64(formula, grid.xs(), grid.y(row), maxIter, cycles, a, 0);
                            long vector = formula instanceof Formula.Mandelbrot
                                    ? VectorMandelbrot.rowF64(grid.xs(), grid.y(row), maxIter, cycles, b, 0)
                                    : VectorFormulas.rowF64(formula, grid.xs(), grid.y(row), maxIter, cycles, b, 0);
                            assertEquals(vector, scalar, where + ": iterations executed");
                            int[] counts = a.toArray(ValueLayout.JAVA_INT);
                            assertArrayEquals(b.toArray(ValueLayout.JAVA_INT), counts, where);
                            int[] expected = new int[203];
                            System.arraycopy(reference, row * 203, expected, 0, 203);
                            assertArrayEquals(expected, counts, where + ": the reference");
                        }
                    }
                }
            }
        }
    }

    @Test
    void coldStartSamplesTheVectorLoopAndKeepsItOnceFast() {
        ColdStart cold = new ColdStart(false);
        long t = 1_000_000_000L;
        assertFalse(cold.vectors(t), "the first rows take the scalar loop");
        assertFalse(cold.vectors(t + ColdStart.DELAY_NANOS - 1), "for the whole delay");
        long s = t + ColdStart.DELAY_NANOS;
        assertTrue(cold.vectors(s), "then a row samples the vector loop");
        assertFalse(cold.vectors(s), "one row claims a sample");
        assertFalse(cold.vectors(s + ColdStart.FIRST_GAP_NANOS - 1));
        cold.record(false, 1_000_000, 2_000_000);                  // scalar: 0.5 iterations a nanosecond
        cold.record(true, 1_000_000, 50_000_000);                  // vector, cold: 0.02
        assertFalse(cold.vectorsFast());
        assertEquals(200_000_000, cold.gap(), "a slow sample waits four times its time, at most 0.2 s");
        assertTrue(cold.vectors(s + ColdStart.FIRST_GAP_NANOS), "the gap in force when that sample was claimed");
        assertFalse(cold.vectors(s + ColdStart.FIRST_GAP_NANOS + 199_999_999));
        cold.record(true, 19_999, 1);                              // too short to judge
        assertFalse(cold.vectorsFast());
        cold.record(true, 1_000_000, 1_400_000);                   // 0.71: not 1.5x the scalar loop's 0.5
        assertFalse(cold.vectorsFast());
        cold.record(true, 1_000_000, 1_300_000);                   // 0.77: 1.54x
        assertTrue(cold.vectorsFast());
        assertTrue(cold.vectors(t + 1), "every row from then on");
        assertTrue(new ColdStart(true).vectors(0), "-Dsquall.cpu.vectorsFromTheStart=true");
    }
}
