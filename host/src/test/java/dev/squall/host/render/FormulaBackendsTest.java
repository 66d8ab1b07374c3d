package dev.squall.host.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.render.MandelbrotBackendsTest.Kind;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.Checksums;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four formulas beyond the seed (shared/reference/formulas.md) on every backend and schedule of
 * {@link MandelbrotBackendsTest}: the reference outputs exactly in f64, the Java reference bit for bit elsewhere
 * (f32, views and constants that are in no reference file), and the same iterations executed everywhere.
 */
@Tag("slow")
class FormulaBackendsTest {
    static Stream<Arguments> referenceCases() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, new Formula.Julia(-0.8, 0.156), 800, 600, 500, new View(-1.6, 1.6, -1.2, 1.2),
                        15952945L, "ae497d59"),
                Arguments.of(kind, new Formula.BurningShip(), 800, 600, 256, new View(-2.5, 1.5, -2.0, 1.0),
                        20111598L, "917488ec"),
                Arguments.of(kind, new Formula.Tricorn(), 640, 480, 300, new View(-2.0, 2.0, -1.5, 1.5),
                        6914328L, "4a290419"),
                Arguments.of(kind, new Formula.Multibrot(3), 640, 480, 400, new View(-1.5, 1.5, -1.5, 1.5),
                        25594010L, "1f03dc10"),
                Arguments.of(kind, new Formula.Multibrot(2), 1920, 1080, 1000, new View(-2.5, 1.0, -1.0, 1.0),
                        458700700L, "c7052418")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("referenceCases")
    void formulasMdReferenceOutputsAreExactInF64(Kind kind, Formula formula, int w, int h, int maxIter, View view,
            long sum, String crc) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, Precision.F64, formula);
        try (var result = kind.render(params).counts()) {
            assertEquals(sum, result.sum());
            assertEquals(crc, Checksums.crc32(result));
        }
    }

    /** Formulas, constants and views that appear nowhere in shared/. */
    static List<Formula> formulas() {
        return List.of(new Formula.Julia(0.285, 0.01), new Formula.Julia(-0.4, 0.6), new Formula.BurningShip(),
                new Formula.Tricorn(), new Formula.Multibrot(4), new Formula.Multibrot(7), new Formula.Multibrot(16));
    }

    static Stream<Arguments> otherCases() {
        List<Object[]> views = List.of(
                new Object[] {1001, 77, 700, new View(-1.9, 1.1, -1.05, 1.2)},
                new Object[] {97, 61, 3000, new View(-0.9, 0.4, -0.6, 0.65)},
                new Object[] {3, 2, 50, new View(-1.0, 0.5, -1.0, 1.0)},
                new Object[] {257, 33, 1500, new View(-1.78, -1.74, -0.05, 0.01)});
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Precision.values()).flatMap(p -> formulas()
                .stream().flatMap(f -> views.stream().map(v -> Arguments.of(kind, p, f, v[0], v[1], v[2], v[3])))));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}x{4} max-iter {5}")
    @MethodSource("otherCases")
    void everyBackendEqualsTheReferenceBitForBit(Kind kind, Precision precision, Formula formula, int w, int h,
            int maxIter, View view) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, precision, formula);
        int[] expected = MandelbrotReference.render(params);
        try (var result = kind.render(params).counts()) {
            assertNull(Checksums.firstDifference(expected, result));
        }
    }

    /**
     * Every backend executes the same iterations for the same schedule (the cycle shortcut is one rule for all), and
     * with the shortcut on a view full of interior executes far fewer than the counts add up to.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void theCycleShortcutRunsTheSameIterationsEverywhere(Precision precision) {
        for (Formula formula : formulas()) {
            MandelbrotParams params = new MandelbrotParams(160, 100, new View(-1.6, 1.6, -1.0, 1.0), 4000, precision,
                    formula);
            long executedOn = -1;
            long executedOff = -1;
            long interior = 0;
            for (Kind kind : Kind.values()) {
                RenderResult result = kind.render(params);
                long executed = result.stages().executedIterations();
                try (var counts = result.counts()) {
                    assertEquals(counts.sum(), result.iterations());
                    interior = 0;
                    for (long i = 0; i < counts.pixels(); i++) {
                        interior += counts.get(i) == params.maxIter() ? 1 : 0;
                    }
                }
                if (kind.schedule().cycleShortcut()) {
                    assertTrue(executedOn < 0 || executedOn == executed, kind + " " + formula + ": " + executed
                            + " executed, another backend " + executedOn);
                    executedOn = executed;
                } else {
                    assertEquals(result.iterations(), executed, kind + " " + formula);
                    executedOff = executed;
                }
            }
            assertTrue(executedOn <= executedOff, formula + ": " + executedOn + " of " + executedOff);
            if (interior * 5 > params.pixels()) {
                assertTrue(executedOn * 2 < executedOff, formula + ": the shortcut stops the interior's orbits ("
                        + executedOn + " of " + executedOff + ", " + interior + " interior pixels)");
            }
        }
    }
}
