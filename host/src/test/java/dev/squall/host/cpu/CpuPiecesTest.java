package dev.squall.host.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.host.Schedule;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows wider than a piece ({@link CpuEscapeTime#PIECE}): whole pieces and a partial last one, the reference's counts
 * in both precisions, for the Mandelbrot set and another formula, and the same iterations executed as whole rows
 * through the vector loops.
 */
class CpuPiecesTest {
    @ParameterizedTest(name = "{0} {1} shortcut {2}")
    @CsvSource({"1100, F64, true", "1100, F32, true", "1025, F64, false", "1537, F32, false", "512, F64, true"})
    void piecesOfRowsGiveTheReference(int width, Precision precision, boolean shortcut) {
        for (Formula formula : new Formula[] {Formula.MANDELBROT, new Formula.Tricorn()}) {
            MandelbrotParams p = new MandelbrotParams(width, 7, new View(-1.9, 1.1, -1.05, 1.2), 600, precision,
                    formula);
            try (CpuBackend cpu = new CpuBackend(2)) {
                RenderResult r = MandelbrotRenderer.render(cpu, p, Schedule.DEFAULT.withCycleShortcut(shortcut));
                try (var counts = r.counts()) {
                    int[] got = counts.segment().toArray(ValueLayout.JAVA_INT);
                    assertArrayEquals(MandelbrotReference.render(p), got, formula.name() + " " + width);
                }
                // The same iterations as whole rows through the vector loops.
                MandelbrotGrid grid = MandelbrotGrid.of(p);
                long whole = 0;
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment row = arena.allocate(4L * width, 4);
                    for (int y = 0; y < p.height(); y++) {
                        whole += precision == Precision.F64
                                ? VectorFormulas.rowF64(formula, grid.xs(), grid.y(y), 600, shortcut, row, 0)
                                : VectorFormulas.rowF32(formula, grid.xsF32(), grid.ysF32(y, 1)[0], 600, shortcut,
                                        row, 0);
                    }
                }
                assertEquals(whole, r.stages().executedIterations(), "iterations executed");
            }
        }
    }
}
