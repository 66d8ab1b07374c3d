package dev.squall.host.cpu;

import dev.squall.testing.Runs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both paths of the CPU's byte tables, the 64-byte permutes (where the CPU has AVX-512 VBMI) and a byte at a time,
 * against the reference: whole vectors and a tail, random pixels, a chain of two per-channel operations.
 */
class ByteTablePathsTest {
    @ParameterizedTest(name = "vector tables {0}")
    @ValueSource(booleans = {true, false})
    void bothPathsGiveTheReference(boolean vectorTables) {
        int pixels = 101 * 37;    // 3737 pixels: whole 64-byte vectors and a tail
        byte[] rgba = new byte[pixels * 4];
        new Random(5).nextBytes(rgba);
        List<PixelStep> chain = List.of(PixelOp.parse("brightness=1.2"), PixelOp.parse("gamma=0.8"));
        byte[] out = new byte[rgba.length];
        try (CpuBackend cpu = new CpuBackend(2, vectorTables)) {
            Runs.points(cpu, chain, rgba, out);
        }
        assertArrayEquals(PixelReference.apply(chain, rgba), out);
    }
}
