package dev.squall.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final MandelbrotParams PARAMS =
            new MandelbrotParams(101, 53, new View(-2.5, 1.0, -1.0, 1.0), 200, Precision.F64);

    @Test
    void identicalResultIsVerified() {
        try (CpuBackend cpu = new CpuBackend(); CountsBuffer counts = MandelbrotRenderer.render(cpu, PARAMS).counts()) {
            Verdict verdict = Verifier.mandelbrot(counts, PARAMS, 5);
            assertTrue(verdict.identical());
            assertEquals(101 * 53, verdict.pixels());
        }
    }

    @Test
    void reportsTheCountAndTheFirstMismatchesInRowMajorOrder() {
        try (CpuBackend cpu = new CpuBackend(); CountsBuffer counts = MandelbrotRenderer.render(cpu, PARAMS).counts()) {
            long[] corrupt = {52 * 101 + 100, 7 * 101 + 3, 7 * 101 + 2, 40 * 101};
            for (long i : corrupt) {
                counts.segment().setAtIndex(CountsBuffer.COUNT, i, (int) counts.get(i) ^ 0x10000);
            }
            Verdict verdict = Verifier.mandelbrot(counts, PARAMS, 3);
            assertEquals(4, verdict.mismatches());
            assertEquals(3, verdict.first().size());
            assertEquals(new Mismatch(2, 7, counts.get(7 * 101 + 2), counts.get(7 * 101 + 2) ^ 0x10000),
                    verdict.first().get(0));
            assertEquals(3, verdict.first().get(1).x());
            assertEquals(40, verdict.first().get(2).y());
        }
    }
}
