package dev.squall.host.image;

import dev.squall.testing.Runs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.squall.host.Backend;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.opencl.OpenClBackend;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import dev.squall.testing.OpenClTestDevice;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every point operation and some chains, on every backend, against the Java reference byte for byte. */
class PointOpsBackendsTest {

    static Stream<Arguments> cases() {
        List<String> chains = List.of("brightness=1.2", "brightness=0.53", "brightness=0", "brightness=300",
                "contrast=1.5", "contrast=0.5", "contrast=0", "gamma=2.2", "gamma=0.45", "invert", "grayscale",
                "sepia", "threshold=128", "threshold=0", "threshold=255",
                "invert,grayscale", "brightness=1.1,contrast=1.3,gamma=1.8,sepia,invert,threshold=100",
                "gamma=2.2,gamma=0.5", "");
        return Stream.of("cpu", "opencl", "opencl-small-pieces")
                .flatMap(device -> chains.stream().map(chain -> Arguments.of(device, chain)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void equalsTheReference(String device, String chainText) {
        List<PixelStep> chain = chainText.isEmpty() ? List.of()
                : Arrays.stream(chainText.split(",")).map(PixelOp::parse).toList();
        // Every byte value in every channel, plus random pixels; 333 x 277 is not a multiple of any group size.
        byte[] in = new byte[333 * 277 * 4];
        new Random(42).nextBytes(in);
        for (int i = 0; i < 256 * 4; i++) {
            in[i] = (byte) (i / 4);
        }
        byte[] expected = PixelReference.apply(chain, in);
        byte[] out = new byte[in.length];
        try (Backend backend = open(device)) {
            Runs.points(backend, chain, in, out);
        }
        assertArrayEquals(expected, out);
    }

    private static Backend open(String device) {
        return switch (device) {
            case "cpu" -> new CpuBackend();
            case "opencl" -> new OpenClBackend(OpenClTestDevice.require(Precision.F32));
            // 10007 pixels a piece: many uploads, the last one short.
            default -> new OpenClBackend(OpenClTestDevice.require(Precision.F32), 10007L * 4);
        };
    }
}
