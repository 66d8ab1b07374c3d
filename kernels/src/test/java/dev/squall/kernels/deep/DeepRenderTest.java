package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeepRenderTest {
    /**
     * A nucleus of period 11380 near deep-zoom.md's 5e113 location, found by Newton's method, to 125 digits: a
     * minibrot's neighbourhood. The digits are a location, not an expected result.
     */
    static final String NUCLEUS_RE = "-1.4798157761324732607229845259787785469224072577404536968987851013986492074100229382025051732928201122736331305315919753053338";
    static final String NUCLEUS_IM = "-0.0006391119326136172715213963225567157295730391894398473604739493647122095196181332192857306703646615114719543638848270695700";

    private static DeepRender.Result render(DeepParams p) {
        return DeepRender.compute(p, DeepRender.Options.all(p, 1));
    }

    private static void assertSameAsOracle(DeepParams p) {
        DeepRender.Result r = render(p);
        int[] exact = new DeepOracle(p).render(0, p.height(), 2);
        assertNull(DeepCases.firstDifference(exact, r.counts(), p.width()), () -> p + ": " + r.stats());
    }

    @Test
    void matchesTheReferenceAtZoom1e14() {
        DeepRender.Result r = render(DeepCases.E14);
        assertEquals(481694, DeepCases.sum(r.counts()), () -> r.stats().toString());
        assertEquals("44c07a66", DeepCases.crc32(r.counts()));
    }

    @Test
    void matchesTheReferenceAtZoom5e113() {
        DeepRender.Result r = render(DeepCases.E113);
        assertEquals(23270782, DeepCases.sum(r.counts()), () -> r.stats().toString());
        assertEquals("620dd7eb", DeepCases.crc32(r.counts()));
    }

    @Test
    void bilinearJumpsOnAndOffGiveIdenticalCountsAndBothPathsRan() {
        DeepParams p = DeepCases.E113;
        DeepRender.Result on = DeepRender.compute(p, DeepRender.Options.all(p, 1));
        DeepRender.Result off = DeepRender.compute(p, DeepRender.Options.all(p, 1).withBla(false));
        assertArrayEquals(off.counts(), on.counts());
        assertTrue(on.stats().blaJumps() > 0, () -> on.stats().toString());
        assertTrue(on.stats().blaSkippedIterations() > on.stats().steps(), () -> on.stats().toString());
        assertTrue(on.stats().rebases() > 0, () -> on.stats().toString());
        assertEquals(0, off.stats().blaJumps());
        assertEquals(0, off.stats().blaSkippedIterations());
        assertTrue(off.stats().rebases() > 0, () -> off.stats().toString());
    }

    @Test
    void extendedArithmeticGivesTheSameCountsAsDouble() {
        DeepParams p = DeepCases.E113;
        DeepRender.Result plain = DeepRender.compute(p, DeepRender.Options.all(p, 1).with(DeepRender.Arithmetic.DOUBLE));
        DeepRender.Result ext = DeepRender.compute(p, DeepRender.Options.all(p, 1).with(DeepRender.Arithmetic.EXTENDED));
        assertFalse(plain.stats().extended());
        assertTrue(ext.stats().extended());
        assertArrayEquals(plain.counts(), ext.counts());
    }

    @Test
    void pixelsTheFirstTierCannotProveAreSettledByTheSecondOrTheOracle() {
        // At 5e113 a few pixels live past the reference's escape, and double's error bound gives up on them (6 of
        // 64 x 64; none of deep-zoom.md's 32 x 32).
        DeepRender.Stats s = render(new DeepParams(64, 64, DeepCases.E113.maxIter(), DeepCases.E113.view())).stats();
        assertTrue(s.doubleDoublePixels() > 0, s::toString);
        assertTrue(s.recomputedPixels() <= s.doubleDoublePixels(), s::toString);
    }

    @ParameterizedTest(name = "{0}x{1} max-iter {2} at {3},{4} zoom {5}")
    @CsvSource({
        "33, 17, 500,  -0.75,   0.1,       100",
        "33, 17, 2000, 0.2501,  0.0000001, 1e6",
        "31, 31, 300,  -0.5,    0,         1",
        "17, 33, 1500, -0.1011, 0.9563,    1e6",
        "7,  5,  300,  -1.25,   0,         1",
        "3,  2,  1000, -0.743643887037151, 0.131825904205330, 1e6",
        "1,  1,  100,  0,       0,         1",
        "9,  4,  100,  2.5,     -3,        0.5",
    })
    void shallowViewsEqualTheOracle(int w, int h, int maxIter, String re, String im, String zoom) {
        assertSameAsOracle(new DeepParams(w, h, maxIter, DeepView.parse(re, im, zoom)));
    }

    @ParameterizedTest(name = "{0}x{1} max-iter {2} at {3},{4} zoom {5}")
    @CsvSource({
        "32, 32, 100, -0.5,  0,      1",
        "32, 32, 200, -0.75, 0.0625, 64",
        "16, 8,  500, -1.25, 0.125,  16",
    })
    void equalsTheDirectF64RenderWhereItsCoordinatesAreExact(int w, int h, int maxIter, String re, String im,
            String zoom) {
        // Dyadic centres and steps: every f64 coordinate of MandelbrotReference is then the exact c. The f64 loop
        // still rounds each step; for these views and iteration counts its counts equal the exact ones.
        DeepParams p = new DeepParams(w, h, maxIter, DeepView.parse(re, im, zoom));
        double s = 4.0 / (Double.parseDouble(zoom) * h);
        double cx = Double.parseDouble(re);
        double cy = Double.parseDouble(im);
        View v = new View(cx - w / 2.0 * s, cx + w / 2.0 * s, cy + h / 2.0 * s, cy - h / 2.0 * s);
        int[] f64 = MandelbrotReference.render(new MandelbrotParams(w, h, v, maxIter, Precision.F64));
        int[] deep = render(p).counts();
        assertNull(DeepCases.firstDifference(f64, deep, w));
        assertNull(DeepCases.firstDifference(new DeepOracle(p).render(0, h, 2), deep, w));
    }

    @Test
    void aBandOfRowsIsThoseRowsOfTheWholeImageOnAnyNumberOfThreads() {
        DeepParams p = new DeepParams(33, 17, 2000, DeepView.parse("0.2501", "0.0000001", "1e6"));
        int[] whole = render(p).counts();
        DeepRender.Result band = DeepRender.compute(p, new DeepRender.Options(5, 7, true, 2, DeepRender.Arithmetic.AUTO));
        assertArrayEquals(Arrays.copyOfRange(whole, 5 * 33, 12 * 33), band.counts());
        assertArrayEquals(whole, DeepRender.compute(p, DeepRender.Options.all(p, 2)).counts());
    }

    @Test
    void minibrotNeighbourhoodAtZoom1e30EqualsTheOracle() {
        assertSameAsOracle(new DeepParams(24, 24, 20000, DeepView.parse(NUCLEUS_RE, NUCLEUS_IM, "1e30")));
    }

    @Test
    void beyondDoubleRangeAtZoom1e320EqualsTheOracle() {
        // Near the Misiurewicz point i (on the boundary at every depth), the centre a few pixels off it.
        String im = java.math.BigDecimal.ONE.add(new java.math.BigDecimal("7e-321")).toPlainString();
        DeepParams p = new DeepParams(16, 16, 3000, DeepView.parse("3.1e-321", im, "1e320"));
        DeepRender.Result r = render(p);
        assertTrue(r.stats().extended());
        assertTrue(r.stats().blaJumps() > 0, () -> r.stats().toString());
        assertSameAsOracle(p);
    }

    @Test
    @Tag("slow")
    void beyondDoubleRangeAtZoom1e1000EqualsTheOracle() {
        assertSameAsOracle(new DeepParams(12, 12, 8000, DeepView.parse("0", "1", "1e1000")));
    }

    @Test
    @Tag("slow")
    void minibrotNeighbourhoodAtZoom1e100EqualsTheOracle() {
        String re = NUCLEUS_RE.substring(0, 110);
        String im = NUCLEUS_IM.substring(0, 110);
        assertSameAsOracle(new DeepParams(16, 16, 30000, DeepView.parse(re, im, "1e100")));
    }

    @Test
    @Tag("slow")
    void atZoom1e1086TheFirstTierTakesTheStepsNearZeroInExtendedUnitsAndAgreesWithTheSecondTierAndTheOracle()
            throws Exception {
        // The reference passes below 2^-1500 near 0 (from step 179301) with the pixels' deltas as small. Before the
        // first tier took those steps in extended units (Perturbation.tinyStep) it lost the delta there, its bound
        // gave up near step 374000, and every pixel but the centre went to the second tier (about 27 ms a pixel).
        DeepParams p = DeepCases.e1086(8);
        DeepRender.Prepared prepared = DeepRender.prepare(p, true, DeepRender.Arithmetic.AUTO);
        DeepRender.Result r = prepared.compute(0, 8, 2);
        assertEquals(0, r.stats().doubleDoublePixels(), () -> r.stats().toString());
        assertEquals(0, r.stats().recomputedPixels(), () -> r.stats().toString());
        Perturbation.Counters tiny = new Perturbation.Counters();
        assertEquals(r.counts()[0], prepared.loop().count(-8, 8, tiny));
        assertTrue(tiny.tinySteps > 0, "no step was taken in extended units");
        // The second tier (double-double, its own tiny steps) finds the same count for every pixel it proves.
        ExactCoordinates xc = new ExactCoordinates(p);
        int bits = p.precisionBits() + DeepRender.ORBIT_EXTRA_BITS;
        DoubleDoublePerturbation second = new DoubleDoublePerturbation(prepared.orbit(), p.maxIter(), true,
                xc.halfStepDoubleDouble(), xc.centerFloorFractionsDoubleDouble(bits));
        int proven = 0;
        for (int i = 0; i < 64; i++) {
            int dd = second.count(2 * (i % 8) - 8, 8 - 2 * (i / 8), new Perturbation.Counters());
            if (dd != Perturbation.UNCERTAIN) {
                assertEquals(dd, r.counts()[i], "pixel " + i);
                proven++;
            }
        }
        assertTrue(proven >= 60, proven + " of 64 proven by the second tier");
        // The fast mode keeps the first tier's counts: all proven now, so the same.
        DeepRender.Result fast = DeepRender.compute(p.withFast(true), DeepRender.Options.all(p, 2));
        assertEquals(0, fast.stats().unprovenPixels(), () -> fast.stats().toString());
        assertArrayEquals(r.counts(), fast.counts());
        DeepOracle oracle = new DeepOracle(p);
        int[][] pixels = {{0, 0}, {5, 2}};
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var counts = java.util.Arrays.stream(pixels).map(xy -> pool.submit(() -> oracle.count(xy[0], xy[1])))
                    .toList();
            for (int i = 0; i < pixels.length; i++) {
                assertEquals(counts.get(i).get(), r.counts()[pixels[i][1] * 8 + pixels[i][0]], "pixel "
                        + java.util.Arrays.toString(pixels[i]));
            }
        }
    }

    private static long differing(int[] a, int[] b) {
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void theFastModeRecomputesNothingAndDiffersOnlyWhereItSaysItDidNotProve() {
        for (DeepParams exact : java.util.List.of(DeepCases.E14, DeepCases.E113,
                new DeepParams(24, 24, 20000, DeepView.parse(NUCLEUS_RE, NUCLEUS_IM, "1e30")))) {
            DeepRender.Result r = render(exact);
            DeepRender.Result fast = render(exact.withFast(true));
            assertEquals(0, r.stats().unprovenPixels());
            assertEquals(0, fast.stats().doubleDoublePixels(), () -> fast.stats().toString());
            assertEquals(0, fast.stats().recomputedPixels());
            // Every pixel the exact mode proved in its first tier has the same count in the fast mode.
            assertTrue(differing(r.counts(), fast.counts()) <= fast.stats().unprovenPixels(), () -> exact + ": "
                    + differing(r.counts(), fast.counts()) + " differ, " + fast.stats());
            // The same loop up to the step where the bound gives up: the same pixels unproven as sent to the second tier.
            assertEquals(r.stats().doubleDoublePixels(), fast.stats().unprovenPixels(), () -> fast.stats() + " / "
                    + r.stats());
        }
    }
}
