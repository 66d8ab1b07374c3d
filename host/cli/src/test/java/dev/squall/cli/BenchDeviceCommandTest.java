package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.kernels.Precision;
import dev.squall.testing.OpenClTestDevice;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code squall bench device}: the JSON's shape and the table; the figures themselves are in BENCHMARKS.md. */
@Tag("slow")
class BenchDeviceCommandTest {
    private static final List<String> HEADLINE = List.of("global_bandwidth_gbps", "h2d_gbps", "d2h_gbps",
            "h2d_map_gbps", "d2h_map_gbps", "launch_latency_us", "fp32_gflops", "int32_gops", "host_copy_gbps");

    @Test
    void jsonHasEveryHeadlineFigureWithItsSpreadAndTheMachine() throws Exception {
        var device = OpenClTestDevice.require(Precision.F32);
        CliRun run = CliRun.of("bench", "device", "--device", device.id(), "--runs", "3", "--warmup", "0", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().lines().count(), "one JSON object on one line");
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(1, root.get("devices").size());
        JsonNode r = root.get("devices").get(0);
        assertEquals(device.id(), r.get("device").asText());
        assertEquals(device.name(), r.get("device_name").asText());
        assertEquals(device.driverVersion(), r.get("driver").asText());
        for (String key : HEADLINE) {
            assertTrue(r.get(key).isNumber() && r.get(key).asDouble() > 0, key + " in " + r);
        }
        JsonNode details = r.get("details");
        assertEquals(List.of("float", "float2", "float4", "float8", "float16"),
                iterableNames(details.get("copy_gbps_by_width")));
        double best = 0;
        for (JsonNode figure : details.get("copy_gbps_by_width")) {
            assertEquals(3, figure.get("runs").asInt());
            assertTrue(figure.get("min").asDouble() <= figure.get("median").asDouble()
                    && figure.get("median").asDouble() <= figure.get("max").asDouble(), figure::toString);
            best = Math.max(best, figure.get("median").asDouble());
        }
        assertEquals(best, r.get("global_bandwidth_gbps").asDouble(), "the best width is the headline");
        assertEquals(r.get("fp32_gflops").asDouble(), details.get("fp32_gflops").get("median").asDouble());
        if (device.fp64()) {
            assertTrue(r.get("fp64_gflops").asDouble() > 0, r::toString);
        } else {
            assertTrue(r.get("fp64_gflops").isNull(), r::toString);
            assertEquals("the device has no fp64 (cl_khr_fp64)", details.get("fp64_missing").asText());
        }
        assertEquals(2L * 16 * 2 * 8 * 64, details.get("ops_per_item").asLong());
        if (r.get("fp16_gflops").isNull()) {    // PoCL on CPUs has no cl_khr_fp16
            assertEquals("the device has no fp16 (cl_khr_fp16)", details.get("fp16_missing").asText());
        } else {
            assertTrue(r.get("fp16_gflops").asDouble() > 0, r::toString);
        }
        assertEquals(3, r.get("runs").asInt());
        assertEquals(0, r.get("warmup_runs").asInt());
        assertTrue(root.get("environment").get("cores").asInt() > 0);
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theTableHasALinePerFigure() {
        var device = OpenClTestDevice.require(Precision.F32);
        CliRun run = CliRun.of("bench", "device", "--device", device.id(), "--runs", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run::toString);
        List<String> lines = run.out().lines().toList();
        assertEquals(8, lines.size(), run::toString);
        assertTrue(lines.get(0).startsWith(device.id() + ": " + device.name() + " ("), lines.get(0));
        assertTrue(lines.get(1).matches("  global memory bandwidth [\\d.]+ \\([\\d.]+-[\\d.]+\\) GB/s .*float16 [\\d.]+\\)"),
                lines.get(1));
        assertTrue(lines.get(4).startsWith("  mapped: host to device  "), lines.get(4));
        assertTrue(lines.get(5).matches("  kernel launch latency  [\\d.]+ \\(.*\\) us .*"), lines.get(5));
        assertTrue(lines.get(6).startsWith("  fp32 "), lines.get(6));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        --device cpu      | --device must be all, opencl, opencl:P:D or a list of them (bench device measures OpenCL devices), got "cpu"
        --device gpu      | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "gpu"
        --device opencl:7:7 | --device opencl:7:7 is not an OpenCL device here (see squall devices)
        --runs 0          | --runs must be at least 1, got 0
        --warmup -1       | --warmup must be 0 or more, got -1
        """)
    void badOptionsExitTwo(String option, String message) {
        String[] pair = option.strip().split(" ");
        CliRun run = CliRun.of("bench", "device", pair[0], pair[1]);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: " + message.strip() + "\n", run.err());
        assertEquals("", run.out());
    }
}
