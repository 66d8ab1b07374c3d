package dev.squall.host.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.opencl.OpenClBackend;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.Checksums;
import dev.squall.testing.OpenClTestDevice;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every backend, every precision, against the Java reference and the seed's checksums: no tolerance. */
@Tag("slow")
class MandelbrotBackendsTest {

    /** Every backend and schedule: all must give the reference's counts. */
    enum Kind {
        CPU, CPU_NO_SHORTCUT, OPENCL_SIMD, OPENCL_SCALAR, OPENCL_SIMD_NO_SHORTCUT, OPENCL_SCALAR_NO_SHORTCUT,
        OPENCL_SIMD_SMALL_BANDS, OPENCL_SCALAR_SMALL_BANDS;

        Backend open(Precision precision) {
            if (this == CPU || this == CPU_NO_SHORTCUT) {
                return new CpuBackend();
            }
            var device = OpenClTestDevice.require(precision);
            // 7 rows of 1001 pixels a band: many bands, the last one shorter, odd offsets into the image.
            return name().endsWith("SMALL_BANDS") ? new OpenClBackend(device, 1001L * 7 * 4) : new OpenClBackend(device);
        }

        Schedule schedule() {
            Schedule s = Schedule.DEFAULT.withCycleShortcut(!name().endsWith("NO_SHORTCUT"));
            return name().contains("SIMD") ? s.withOpenClVariant(Schedule.OpenClVariant.SIMD)
                    : name().contains("SCALAR") ? s.withOpenClVariant(Schedule.OpenClVariant.SCALAR) : s;
        }

        RenderResult render(MandelbrotParams params) {
            try (Backend backend = open(params.precision())) {
                return MandelbrotRenderer.render(backend, params, schedule());
            }
        }
    }

    static Stream<Arguments> seedCases() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, 1920, 1080, 1000, new View(-2.5, 1.0, -1.0, 1.0), 458700700L, "c7052418"),
                Arguments.of(kind, 800, 600, 256, new View(-2.0, 1.0, -1.2, 1.2), 28305069L, "ab86c321"),
                Arguments.of(kind, 3, 2, 50, new View(-2.0, 0.5, -1.0, 1.0), 159L, "92ccf36a")));
    }

    @ParameterizedTest(name = "{0} {1}x{2} max-iter {3}")
    @MethodSource("seedCases")
    void seedReferenceCasesAreExactInF64(Kind kind, int w, int h, int maxIter, View view, long sum, String crc) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, Precision.F64);
        try (var result = kind.render(params).counts()) {
            assertEquals(sum, result.sum());
            assertEquals(crc, Checksums.crc32(result));
        }
    }

    /** Views that appear nowhere in shared/: odd sizes, deep zooms, reversed axes, one pixel. */
    static Stream<Arguments> otherCases() {
        Supplier<Stream<Object[]>> cases = () -> Stream.of(
                new Object[] {1001, 777, 300, new View(-0.7453, -0.7433, 0.1125, 0.1145)},
                new Object[] {1001, 77, 2000, new View(-1.7864, -1.7854, 0.0, 0.0005)},
                new Object[] {333, 250, 500, new View(1.0, -2.5, 1.2, -1.2)},
                new Object[] {1, 1, 77, new View(-0.75, 0.0, 0.1, 0.2)},
                new Object[] {257, 3, 1000, new View(-0.16, 1.04, 1.0405, 1.0407)},
                // Deep in seahorse valley at a high limit: long orbits near the boundary, where a wrong cycle
                // shortcut would show.
                new Object[] {64, 48, 20000, new View(-0.7497, -0.7487, 0.0297, 0.0307)},
                // Interior and exterior with a period-2 bulb: the shortcut fires on most pixels.
                new Object[] {97, 61, 3000, new View(-1.4, -0.6, -0.3, 0.3)});
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Precision.values())
                .flatMap(p -> cases.get().map(c -> Arguments.of(kind, p, c[0], c[1], c[2], c[3]))));
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} max-iter {4} view {5}")
    @MethodSource("otherCases")
    void everyBackendEqualsTheReferenceBitForBit(Kind kind, Precision precision, int w, int h, int maxIter,
            View view) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, precision);
        int[] expected = MandelbrotReference.render(params);
        try (var result = kind.render(params).counts()) {
            assertNull(Checksums.firstDifference(expected, result));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("f32SeedViews")
    void f32MatchesItsOwnReferenceOnTheSeedViews(Kind kind, int w, int h, int maxIter, View view) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, Precision.F32);
        int[] expected = MandelbrotReference.render(params);
        try (var result = kind.render(params).counts()) {
            assertNull(Checksums.firstDifference(expected, result));
            assertEquals(Checksums.crc32(expected), Checksums.crc32(result));
        }
    }

    static Stream<Arguments> f32SeedViews() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(
                Arguments.of(kind, 1920, 1080, 1000, new View(-2.5, 1.0, -1.0, 1.0)),
                Arguments.of(kind, 800, 600, 256, new View(-2.0, 1.0, -1.2, 1.2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void cycleShortcutSkipsMostInteriorWorkAndNoneWhenOff(Kind kind) {
        MandelbrotParams params = new MandelbrotParams(320, 200, new View(-2.5, 1.0, -1.0, 1.0), 3000, Precision.F64);
        RenderResult result = kind.render(params);
        try (var counts = result.counts()) {
            assertEquals(counts.sum(), result.iterations());
            if (kind.schedule().cycleShortcut()) {
                assertTrue(result.stages().executedIterations() * 2 < result.iterations(),
                        result.stages().executedIterations() + " executed of " + result.iterations());
            } else {
                assertEquals(result.iterations(), result.stages().executedIterations());
            }
        }
    }

    static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }
}
