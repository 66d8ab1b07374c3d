package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.kernels.Kernel;
import dev.squall.host.BandStats;
import dev.squall.host.Schedule;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code render}, {@code bench} and job files with the formulas of shared/reference/formulas.md. */
class FormulaCommandsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} on {9}")
    @CsvSource(delimiter = '|', textBlock = """
        julia        | --c -0.8,0.156 | 800 | 600 | 500 | -1.6,1.6,-1.2,1.2 | 15952945  | ae497d59 | cpu    | cpu
        burning-ship |                | 800 | 600 | 256 | -2.5,1.5,-2.0,1.0 | 20111598  | 917488ec | cpu    | cpu
        tricorn      |                | 640 | 480 | 300 | -2.0,2.0,-1.5,1.5 | 6914328   | 4a290419 | cpu    | cpu
        multibrot    | --power 3      | 640 | 480 | 400 | -1.5,1.5,-1.5,1.5 | 25594010  | 1f03dc10 | cpu    | cpu
        julia        | --c -0.8,0.156 | 800 | 600 | 500 | -1.6,1.6,-1.2,1.2 | 15952945  | ae497d59 | opencl | opencl
        burning-ship |                | 800 | 600 | 256 | -2.5,1.5,-2.0,1.0 | 20111598  | 917488ec | opencl | opencl
        tricorn      |                | 640 | 480 | 300 | -2.0,2.0,-1.5,1.5 | 6914328   | 4a290419 | opencl | opencl
        multibrot    | --power 3      | 640 | 480 | 400 | -1.5,1.5,-1.5,1.5 | 25594010  | 1f03dc10 | all    | all
        """)
    void renderVerifiesEachFormulaAgainstItsReferenceOutput(String formula, String option, int w, int h, int maxIter,
            String view, long sum, String crc, String device, String label) throws IOException {
        if (!device.equals("cpu")) {
            OpenClTestDevice.require(Precision.F64);
        }
        Path counts = dir.resolve("counts.u32");
        List<String> args = new java.util.ArrayList<>(List.of("render", formula));
        if (option != null) {
            args.addAll(List.of(option.split(" ")));
        }
        args.addAll(List.of("--width", "" + w, "--height", "" + h, "--max-iter", "" + maxIter, "--view", view,
                "--device", device, "--verify", "--counts", counts.toString(), "--out", dir.resolve("x.png").toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals("verified: " + w * h + " pixels identical to the Java reference (f64, sum " + sum + ", crc32 "
                + crc + ")", lines.get(0));
        assertTrue(lines.get(1).startsWith(formula + " " + w + "x" + h + " f64 max-iter " + maxIter + " on "),
                run::toString);
        assertEquals((long) w * h * 4, Files.size(counts));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        multibrot --power 1       | squall: --power must be an integer from 2 to 16, got 1
        multibrot --power 17      | squall: --power must be an integer from 2 to 16, got 17
        multibrot --power 2.5     | squall: --power must be an integer from 2 to 16, got 2.5
        julia --c 0.3             | squall: --c must be 2 finite numbers CR,CI, got "0.3"
        julia --c 0.3,Infinity    | squall: --c must be 2 finite numbers CR,CI, got "0.3,Infinity"
        julia --c NaN,0           | squall: --c must be 2 finite numbers CR,CI, got "NaN,0"
        julia                     | squall: Missing required option: '--c=CR,CI'
        multibrot                 | squall: Missing required option: '--power=D'
        tricorn --power 3         | squall: Unknown options: '--power', '3'
        """)
    void badFormulaParametersExit2NamingTheValueAndWriteNothing(String change, String message) throws IOException {
        Path keep = Files.writeString(dir.resolve("keep.u32"), "old");
        List<String> args = new java.util.ArrayList<>(List.of("render"));
        args.addAll(List.of(change.split(" ")));
        args.addAll(List.of("--width", "8", "--height", "4", "--max-iter", "9", "--view", "-2,1,-1,1", "--device",
                "cpu", "--counts", keep.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(message, run.err().lines().findFirst().orElse(""), run::toString);
        assertEquals("old", Files.readString(keep));
    }

    @Test
    void aJobOfJuliaAndMultibrotFramesGivesRendersFramesAndRecordsTheirParameters() throws IOException {
        for (String[] c : List.of(new String[] {"julia", "\"c\": [0.285, 0.01],", "--c", "0.285,0.01"},
                new String[] {"multibrot", "\"power\": 5,", "--power", "5"})) {
            Path job = Files.writeString(dir.resolve(c[0] + ".json"), """
                    { "kernel": "%s", %s "width": 96, "height": 64, "max_iter": 300, "device": "cpu",
                      "frames": [ {"view": [-1.5, 1.5, -1.0, 1.0]}, {"view": [-0.3, 0.1, 0.4, 0.7]} ],
                      "output": { "dir": "%s", "format": "counts" } }
                    """.formatted(c[0], c[1], c[0]));
            CliRun run = CliRun.of("job", "run", job.toString());
            assertEquals(0, run.exitCode(), run::toString);
            Path reference = dir.resolve("reference.u32");
            CliRun render = CliRun.of("render", c[0], c[2], c[3], "--width", "96", "--height", "64", "--max-iter",
                    "300", "--view", "-0.3,0.1,0.4,0.7", "--device", "cpu", "--counts", reference.toString());
            assertEquals(0, render.exitCode(), render::toString);
            assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(dir.resolve(c[0] + "/frame-00001.u32")));
            JsonNode entry = TestJobs.records(dir.resolve(c[0])).get(0).get("parameters");
            assertEquals(c[0], entry.get("kernel").asText());
            if (c[0].equals("julia")) {
                assertEquals("[0.285,0.01]", entry.get("c").toString());
                assertFalse(entry.has("power"));
            } else {
                assertEquals(5, entry.get("power").asInt());
                assertFalse(entry.has("c"));
            }
        }
        // A Mandelbrot frame's record is what it was before formulas: neither c nor power.
        Path mandelbrot = Files.writeString(dir.resolve("m.json"), """
                { "kernel": "mandelbrot", "width": 8, "height": 4, "max_iter": 30, "device": "cpu",
                  "frames": [ {"view": [-2, 1, -1, 1]} ], "output": { "dir": "m", "format": "counts" } }
                """);
        assertEquals(0, CliRun.of("job", "run", mandelbrot.toString()).exitCode());
        JsonNode entry = TestJobs.records(dir.resolve("m")).get(0).get("parameters");
        assertEquals(List.of("kernel", "width", "height", "max_iter", "precision", "view", "format"),
                iterator(entry));
    }

    private static List<String> iterator(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void benchAndSweepTakeTheFormulas() throws IOException {
        CliRun bench = CliRun.of("bench", "julia", "--c", "-0.8,0.156", "--width", "160", "--height", "120",
                "--max-iter", "200", "--view", "-1.6,1.6,-1.2,1.2", "--device", "cpu", "--runs", "2", "--warmup", "1",
                "--json");
        assertEquals(0, bench.exitCode(), bench::toString);
        JsonNode report = new ObjectMapper().readTree(bench.out());
        assertEquals("julia", report.get("kernel").asText());
        assertEquals(MandelbrotRendererSum.of(new MandelbrotParams(160, 120, new View(-1.6, 1.6, -1.2, 1.2), 200,
                Precision.F64, new Formula.Julia(-0.8, 0.156))), report.get("iterations").asLong());

        CliRun sweep = CliRun.of("bench", "sweep", "--kernel", "multibrot", "--power", "3", "--sizes", "32,64",
                "--max-iter", "100", "--device", "cpu", "--runs", "1", "--warmup", "0", "--json");
        assertEquals(0, sweep.exitCode(), sweep::toString);
        assertEquals("multibrot", new ObjectMapper().readTree(sweep.out()).get("kernel").asText());

        CliRun wrong = CliRun.of("bench", "sweep", "--kernel", "tricorn", "--power", "3", "--device", "cpu");
        assertEquals(2, wrong.exitCode(), wrong::toString);
        assertEquals("squall: --power is multibrot's; --kernel is tricorn\n", wrong.err());
    }

    /** The sum of the reference's counts: what every backend's must be. */
    private static final class MandelbrotRendererSum {
        static long of(MandelbrotParams params) {
            long sum = 0;
            for (int c : dev.squall.kernels.mandelbrot.MandelbrotReference.render(params)) {
                sum += c;
            }
            return sum;
        }
    }

    /** A backend that knows only the Mandelbrot set (as TornadoVM's): it must refuse the others before any work. */
    private static final class MandelbrotOnly implements Backend {
        private final CpuBackend cpu = new CpuBackend(1);
        int bands;

        @Override
        public String id() {
            return "mandelbrot-only";
        }

        @Override
        public String label() {
            return id();
        }

        @Override
        public long maxBandPixels() {
            return cpu.maxBandPixels();
        }

        @Override
        public String family() {
            return "test";
        }

        @Override
        public dev.squall.api.DeviceInfo info() {
            return cpu.info();
        }

        @Override
        public KernelRun prepare(Kernel kernel, Schedule schedule) {
            if (!(kernel instanceof MandelbrotParams p) || !(p.formula() instanceof Formula.Mandelbrot)) {
                throw KernelRefusedException.onlyMandelbrot(this, kernel);
            }
            KernelRun run = cpu.prepare(kernel, schedule);
            return (band, destination) -> {
                bands++;
                return run.run(band, destination);
            };
        }

        @Override
        public void close() {
            cpu.close();
        }
    }

    @Test
    void aBackendThatDoesNotKnowAFormulaRefusesItByNameBeforeAnyWork() {
        try (MandelbrotOnly backend = new MandelbrotOnly()) {
            MandelbrotParams julia = new MandelbrotParams(64, 48, new View(-1.6, 1.6, -1.2, 1.2), 100, Precision.F64,
                    new Formula.Julia(-0.8, 0.156));
            var e = assertThrows(DeviceUnavailableException.class, () -> MandelbrotRenderer.render(backend, julia));
            assertEquals("device mandelbrot-only does not run the julia formula (only mandelbrot); use the cpu device"
                    + " or an OpenCL device", e.getMessage());
            assertEquals(0, backend.bands, "no band was started");
            try (var ok = MandelbrotRenderer.render(backend, julia.withFormula(Formula.MANDELBROT)).counts()) {
                assertEquals(64 * 48, ok.pixels());
            }
        }
    }
}
