package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.Checksums;
import dev.squall.testing.OpenClTestDevice;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    private static final String[] CASE = {"bench", "mandelbrot", "--width", "160", "--height", "100", "--max-iter",
        "2000", "--view", "-2.5,1,-1,1", "--runs", "3", "--warmup", "1", "--json"};
    private static final long SUM = Checksums.sum(MandelbrotReference.render(
            new MandelbrotParams(160, 100, new View(-2.5, 1, -1, 1), 2000, Precision.F64)));

    private static JsonNode bench(String... more) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(CASE), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        assertEquals(1, run.out().lines().count(), "one JSON object on one line");
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void againstPeakSetsTheExecutedFlopsAgainstTheDevicesMeasuredMultiplyAddPeak() throws Exception {
        var device = OpenClTestDevice.require(Precision.F64);
        JsonNode r = bench("--device", device.id(), "--against-peak");
        assertEquals(8, r.get("flops_per_iteration").asInt());
        double flops = r.get("executed_iterations").asLong() * 8.0 / r.get("seconds_median").asDouble() / 1e9;
        assertEquals(flops, r.get("executed_gflops").asDouble(), flops * 1e-12);
        JsonNode peak = r.get("device_peak_gflops");
        assertEquals(3, peak.get("runs").asInt());
        assertEquals(flops / peak.get("median").asDouble(), r.get("peak_fraction").asDouble(), 1e-12);
        assertTrue(r.get("peak_fraction").asDouble() > 0, r::toString);

        CliRun cpu = CliRun.of("bench", "mandelbrot", "--width", "16", "--height", "16", "--max-iter", "10",
                "--view", "-2.5,1,-1,1", "--device", "cpu", "--against-peak");
        assertEquals(2, cpu.exitCode(), cpu::toString);
        assertEquals("squall: --against-peak needs --device opencl or opencl:P:D (an OpenCL device's peak is measured;"
                + " the Java CPU backend has none), got --device cpu\n", cpu.err());
    }

    @Test
    void measuresOneDeviceAtATime() {
        CliRun run = CliRun.of("bench", "mandelbrot", "--width", "16", "--height", "16", "--max-iter", "10",
                "--view", "-2.5,1,-1,1", "--device", "all");
        run.assertRefused("squall: --device must be auto, cpu, opencl, opencl:P:D or tornado[:N] (see squall devices),"
                + " got \"all\"\n");
        assertEquals("", run.out());
    }

    @Test
    void jsonCarriesTheCaseTheTimesTheRatesAndTheMachine() throws Exception {
        JsonNode r = bench("--device", "cpu");
        assertEquals("mandelbrot", r.get("kernel").asText());
        assertEquals("cpu", r.get("device").asText());
        assertTrue(r.get("device_name").asText().startsWith("cpu (Java, "));
        assertEquals("f64", r.get("precision").asText());
        assertEquals(160, r.get("width").asInt());
        assertEquals(100, r.get("height").asInt());
        assertEquals(2000, r.get("max_iter").asInt());
        assertEquals(List.of(-2.5, 1.0, -1.0, 1.0),
                StreamSupport.stream(r.get("view").spliterator(), false).map(JsonNode::asDouble).toList());
        assertEquals(SUM, r.get("iterations").asLong());
        assertEquals(Checksums.crc32(MandelbrotReference.render(
                new MandelbrotParams(160, 100, new View(-2.5, 1, -1, 1), 2000, Precision.F64))), r.get("crc32").asText());
        long executed = r.get("executed_iterations").asLong();
        assertTrue(executed > 0 && executed < SUM / 2, "the cycle shortcut skips most of the interior: " + executed);
        assertEquals(3, r.get("runs").asInt());
        assertEquals(1, r.get("warmup_runs").asInt());
        assertEquals(3, r.get("seconds").size());
        double median = r.get("seconds_median").asDouble();
        assertTrue(r.get("seconds_min").asDouble() <= median && median <= r.get("seconds_max").asDouble());
        assertEquals(SUM / median / 1e9, r.get("giter_per_s").asDouble(), 1e-9);
        assertEquals(executed / median / 1e9, r.get("executed_giter_per_s").asDouble(), 1e-9);
        for (String stage : new String[] {"build_s", "first_run_s", "upload_s", "kernel_s", "download_s"}) {
            assertTrue(r.get("stages").has(stage), stage);
        }
        // The first run, whole and apart (a device that compiles on first launch pays it there): a real time.
        assertTrue(r.get("stages").get("first_run_s").asDouble() > 0, r::toString);
        assertTrue(r.get("cycle_shortcut").asBoolean());
        assertEquals(Runtime.getRuntime().availableProcessors(), r.get("environment").get("cores").asInt());
        assertEquals(Runtime.version().toString(), r.get("environment").get("jvm").asText());
        assertTrue(r.get("environment").has("cpu"));
        assertEquals(dev.squall.host.opencl.OpenCl.probe().devices().size(), r.get("environment").get("opencl_devices").size(),
                "every OpenCL device with its driver");
    }

    @Test
    void withoutTheShortcutEveryIterationOfTheCountsIsExecuted() throws Exception {
        JsonNode r = bench("--device", "cpu", "--no-cycle-shortcut");
        assertEquals(SUM, r.get("iterations").asLong());
        assertEquals(SUM, r.get("executed_iterations").asLong());
        assertTrue(!r.get("cycle_shortcut").asBoolean());
    }

    @Test
    void everyBackendAndVariantRunsTheSameIterationsForTheSameCase() throws Exception {
        OpenClTestDevice.require(Precision.F64);
        long cpu = bench("--device", "cpu").get("executed_iterations").asLong();
        JsonNode simd = bench("--device", "opencl", "--opencl-variant", "simd");
        JsonNode scalar = bench("--device", "opencl", "--opencl-variant", "scalar");
        assertEquals(SUM, simd.get("iterations").asLong());
        assertEquals(SUM, scalar.get("iterations").asLong());
        assertEquals(cpu, simd.get("executed_iterations").asLong());
        assertEquals(cpu, scalar.get("executed_iterations").asLong());
        assertTrue(simd.get("stages").get("build_s").asDouble() > 0, "an OpenCL program is built");
    }

    @Test
    void badBenchOptionsExitTwoNamingTheValue() {
        CliRun runs = CliRun.of("bench", "mandelbrot", "--width", "8", "--height", "8", "--max-iter", "10",
                "--view", "-2.5,1,-1,1", "--runs", "0");
        assertEquals(2, runs.exitCode());
        assertEquals("squall: --runs must be at least 1, got 0\n", runs.err());
        CliRun variant = CliRun.of("bench", "mandelbrot", "--width", "8", "--height", "8", "--max-iter", "10",
                "--view", "-2.5,1,-1,1", "--opencl-variant", "wide");
        assertEquals(2, variant.exitCode());
        assertEquals("squall: --opencl-variant must be auto, scalar or simd, got \"wide\"\n", variant.err());
        CliRun noKernel = CliRun.of("bench");
        assertEquals(2, noKernel.exitCode());
        assertEquals("squall: bench needs a kernel: mandelbrot, julia, burning-ship, tricorn or multibrot (or device,"
                + " sweep, compare)\n", noKernel.err());
    }
}
