package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code squall bench sweep}: the JSON's shape, the chart file, and bad options; figures are in BENCHMARKS.md. */
class BenchSweepCommandTest {
    @TempDir
    Path dir;

    private static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().lines().count(), run::toString);
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void aMandelbrotSweepGivesASeriesPerDeviceAndPrecisionAndAChart() throws IOException {
        var device = OpenClTestDevice.require(Precision.F32);
        Path chart = dir.resolve("sweep.png");
        JsonNode r = json(CliRun.of("bench", "sweep", "--kernel", "mandelbrot", "--sizes", "16,48", "--max-iter",
                "50", "--device", "cpu," + device.id(), "--precision", "f32,f64", "--runs", "2", "--warmup", "0",
                "--plot", chart.toString(), "--json"));
        assertEquals("mandelbrot", r.get("kernel").asText());
        assertEquals("Giter/s", r.get("unit").asText());
        assertEquals(50, r.get("max_iter").asInt());
        assertEquals("[16,48]", r.get("sizes").toString());
        List<String> series = new ArrayList<>();
        for (JsonNode s : r.get("series")) {
            series.add(s.get("device").asText() + " " + s.get("label").asText());
            assertEquals(2, s.get("points").size());
            JsonNode last = s.get("points").get(1);
            assertEquals(48, last.get("size").asInt());
            assertEquals(48 * 48, last.get("pixels").asLong());
            JsonNode rate = last.get("rate");
            assertEquals(2, rate.get("runs").asInt());
            assertTrue(0 < rate.get("min").asDouble() && rate.get("min").asDouble() <= rate.get("median").asDouble()
                    && rate.get("median").asDouble() <= rate.get("max").asDouble(), rate::toString);
            if (s.get("device").asText().equals("cpu")) {    // no measured peak for the Java backend
                assertTrue(s.get("device_peak_gflops").isNull() && last.get("peak_fraction").isNull(), s::toString);
            } else {
                assertTrue(s.get("device_peak_gflops").get("median").asDouble() > 0, s::toString);
                assertTrue(last.get("peak_fraction").asDouble() > 0, s::toString);
            }
        }
        assertEquals(List.of("cpu f32", device.id() + " f32", "cpu f64", device.id() + " f64"), series);
        BufferedImage png = ImageIO.read(chart.toFile());
        assertEquals(900, png.getWidth());
        assertEquals(560, png.getHeight());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(chart), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aBrightnessSweepIsInMegapixelsASecondAndComparesWithItself() throws IOException {
        CliRun run = CliRun.of("bench", "sweep", "--kernel", "brightness", "--sizes", "8,64", "--device", "cpu",
                "--runs", "3", "--warmup", "1", "--json");
        JsonNode r = json(run);
        assertEquals("Mpixel/s", r.get("unit").asText());
        assertEquals("rgba8", r.get("series").get(0).get("label").asText());
        assertEquals(3, r.get("series").get(0).get("points").get(0).get("rate").get("runs").asInt());

        Path result = Files.writeString(dir.resolve("b.json"), run.out());
        CliRun compare = CliRun.of("bench", "compare", result.toString(), result.toString());
        assertEquals(0, compare.exitCode(), compare::toString);
        assertTrue(compare.out().lines().anyMatch(l -> l.matches(
                "series\\[cpu rgba8]\\.points\\[1]\\.rate\\.median\\s+\\S+\\s+\\S+\\s+1\\.000")), compare::toString);
    }

    @Test
    void theTableHasARowPerSeriesAndAColumnPerSize() {
        CliRun run = CliRun.of("bench", "sweep", "--kernel", "mandelbrot", "--sizes", "8,16,32", "--max-iter", "20",
                "--device", "cpu", "--runs", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run::toString);
        assertEquals(List.of("size", "8x8", "16x16", "32x32"), List.of(lines.get(1).strip().split("\\s+")));
        assertTrue(lines.get(2).matches("cpu f64(\\s+\\d+\\.\\d{3} \\(\\d+\\.\\d{3}-\\d+\\.\\d{3}\\)){3}"), lines.get(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        --kernel newton         | --kernel must be one of mandelbrot, julia, burning-ship, tricorn, multibrot or brightness, got "newton"
        --sizes 0,16            | --sizes must be a list of distinct sides from 1 to 16384 such as 256,512,1024, got "0,16"
        --sizes 16,16           | --sizes must be a list of distinct sides from 1 to 16384 such as 256,512,1024, got "16,16"
        --sizes 16,abc          | --sizes must be a list of distinct sides from 1 to 16384 such as 256,512,1024, got "16,abc"
        --precision f16         | --precision must be one of f64, f32, got "f16"
        --plot %d/chart.jpg     | --plot must name a .png file, got "%d/chart.jpg"
        --plot %d/no/chart.png  | --plot folder does not exist: "%d/no"
        --runs 0                | --runs must be at least 1, got 0
        """)
    void badOptionsExitTwoAndWriteNothing(String option, String message) throws IOException {
        List<String> args = new ArrayList<>(List.of("bench", "sweep", "--kernel", "mandelbrot", "--sizes", "8",
                "--device", "cpu", "--runs", "1"));
        String[] pair = option.replace("%d", dir.toString()).strip().split(" ");
        int at = args.indexOf(pair[0]);
        if (at >= 0) {
            args.set(at + 1, pair[1]);
        } else {
            args.addAll(List.of(pair));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: " + message.replace("%d", dir.toString()) + "\n", run.err());
        assertEquals("", run.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
