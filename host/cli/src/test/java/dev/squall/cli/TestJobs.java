package dev.squall.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Job files for tests: one frame of the seed's view, the rest as given. */
final class TestJobs {
    private TestJobs() {
    }

    static Path oneFrame(Path file, long width, int height, int maxIter, String device, String dir, String format)
            throws IOException {
        return Files.writeString(file, """
                { "kernel": "mandelbrot", "width": %d, "height": %d, "max_iter": %d, "device": "%s",
                  "frames": [ {"view": [-2.5, 1.0, -1.0, 1.0]} ], "output": { "dir": "%s", "format": "%s" } }
                """.formatted(width, height, maxIter, device, dir, format));
    }
}
