package dev.squall.host.image;

import dev.squall.testing.Runs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.squall.host.Backend;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.opencl.OpenClBackend;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.testing.OpenClTestDevice;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Neighbourhood operations and mixed chains, on every backend, against the Java reference byte for byte. */
class ImageChainBackendsTest {

    static Stream<Arguments> cases() {
        List<String> chains = List.of("blur=0.5", "blur=1.5", "blur=4", "box-blur=1", "box-blur=7", "sharpen=0.8",
                "sharpen=3", "sobel", "grayscale,sobel", "brightness=1.2,blur=2,contrast=1.3,box-blur=2,invert",
                "sobel,blur=1,sharpen=1.5,gamma=2.2");
        // Sizes smaller than the kernels' reach (1 x 1, 3 x 2) clamp at every border; 97 x 61 fits no group size.
        List<int[]> sizes = List.of(new int[] {97, 61}, new int[] {1, 1}, new int[] {3, 2}, new int[] {1, 40});
        return Stream.of("cpu", "opencl", "opencl-bands").flatMap(device -> chains.stream().flatMap(chain -> sizes.stream()
                .map(size -> Arguments.of(device, chain, size[0], size[1]))));
    }

    @ParameterizedTest(name = "{0}: {1} on {2}x{3}")
    @MethodSource("cases")
    void equalsTheReference(String device, String chainText, int width, int height) {
        List<ImageStep> chain = Arrays.stream(chainText.split(",")).map(ImageOps::parse).toList();
        byte[] in = new byte[width * height * 4];
        new Random(width * 31L + height).nextBytes(in);
        byte[] expected = ImageReference.apply(chain, width, height, in);
        byte[] out = new byte[in.length];
        try (Backend backend = switch (device) {
            case "cpu" -> new CpuBackend();
            case "opencl" -> new OpenClBackend(OpenClTestDevice.require(Precision.F32));
            // Room for 30 rows of intermediate: bands with halos on 61 rows, a whole image on fewer.
            default -> new OpenClBackend(OpenClTestDevice.require(Precision.F32), 16L * width * 30);
        }) {
            Runs.image(backend, chain, width, height, in, out);
        }
        assertArrayEquals(expected, out);
    }
}
