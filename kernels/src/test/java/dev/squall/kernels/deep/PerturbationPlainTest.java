package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain-double loop ({@code Perturbation.countPlain}, what {@code count} takes in double arithmetic) against the
 * general one in double arithmetic: the same count for every pixel and the same work, uncertain pixels included.
 */
class PerturbationPlainTest {
    @ParameterizedTest(name = "{0} {1}x{2} bla={3} fast={4} zoom {5}")
    @CsvSource({
        "e14,  32, 32, true,  false, -",
        "e113, 48, 40, true,  false, -",
        "e113, 33, 17, false, false, -",
        "e113, 24, 24, true,  true,  -",
        "e14,  16, 16, true,  false, 3E6",
    })
    void thePlainLoopIsTheGeneralOne(String location, int width, int height, boolean bla, boolean fast, String zoom) {
        DeepParams ref = location.equals("e14") ? DeepCases.E14 : DeepCases.E113;
        DeepView view = zoom.equals("-") ? ref.view() : DeepView.parse(ref.view().re().toString(),
                ref.view().im().toString(), zoom);
        DeepParams p = new DeepParams(width, height, ref.maxIter(), view, fast);
        Perturbation loop = DeepRender.prepare(p, bla, DeepRender.Arithmetic.DOUBLE).loop();
        Perturbation.Counters plain = new Perturbation.Counters();
        Perturbation.Counters general = new Perturbation.Counters();
        int uncertain = 0;
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                int kx = 2 * px - width;
                int ky = height - 2 * py;
                int a = loop.count(kx, ky, plain);
                assertEquals(loop.countGeneral(kx, ky, general), a, "pixel " + px + "," + py);
                uncertain += a == Perturbation.UNCERTAIN ? 1 : 0;
            }
        }
        for (long[] pair : new long[][] {{general.rebases, plain.rebases}, {general.blaJumps, plain.blaJumps},
            {general.blaSkipped, plain.blaSkipped}, {general.steps, plain.steps},
            {general.boundTooLarge, plain.boundTooLarge}, {general.nearBailout, plain.nearBailout},
            {general.unproven, plain.unproven}}) {
            assertEquals(pair[0], pair[1]);
        }
        assertTrue(plain.rebases > 0);
        if (bla && location.equals("e113")) {
            assertTrue(plain.blaJumps > 0);
        }
        if (location.equals("e113") && !fast && width == 48) {
            assertTrue(uncertain > 0, "some pixels left uncertain");
        }
    }
}
