package dev.squall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

    /** The frame records of a job's output folder ({@code .squall-frames/}), by file name. */
    static List<JsonNode> records(Path outputDir) throws IOException {
        try (Stream<Path> files = Files.list(outputDir.resolve(".squall-frames"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().map(f -> {
                try {
                    return new ObjectMapper().readTree(f.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
