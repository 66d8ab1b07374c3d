package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every OpenCL program Squall builds, on a driver with an empty kernel cache (PoCL compiles then, and its clang
 * used to print "N warnings generated." straight to stderr): stderr holds Squall's own lines only.
 */
@Tag("slow")
class OpenClColdCacheTest {
    @TempDir
    Path dir;

    @Test
    void aColdKernelCachePrintsNothingOfTheCompilers() throws Exception {
        String device = OpenClTestDevice.require(Precision.F64).id();
        Map<String, String> cold = Map.of("POCL_CACHE_DIR", dir.resolve("pocl-cache").toString());
        for (String precision : List.of("f64", "f32")) {
            CliRun run = SquallProcess.run(cold, "render", "mandelbrot", "--width", "64", "--height", "48",
                    "--max-iter", "100", "--view", "-2.5,1,-1,1", "--device", device, "--precision", precision);
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("", run.err(), run::toString);
        }
        Path in = dir.resolve("in.png");
        ImageFiles.writePng(in, new RgbaImage(16, 8, false, new byte[16 * 8 * 4]), 1);
        CliRun image = SquallProcess.run(cold, "image", in.toString(), "--op", "brightness=1.2", "--op", "blur=1",
                "--op", "sobel", "-o", dir.resolve("out.png").toString(), "--device", device);
        assertEquals(0, image.exitCode(), image::toString);
        assertEquals("", image.err(), image::toString);
    }
}
