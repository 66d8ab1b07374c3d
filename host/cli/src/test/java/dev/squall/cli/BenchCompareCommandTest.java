package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchCompareCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void figuresOfTheSameDeviceLineUpWithTheirRatioAndTheOthersGetADash() throws IOException {
        Path a = file("a.json", """
                {"devices": [{"device": "opencl:0:0", "device_name": "GPU A", "fp32_gflops": 1000.0,
                              "launch_latency_us": 8.5, "details": {"copy_gbps_by_width": {"float4": {"median": 400}}}},
                             {"device": "opencl:1:0", "fp32_gflops": 50.0}],
                 "environment": {"cores": 2}}""");
        Path b = file("b.json", """
                {"devices": [{"device": "opencl:0:0", "device_name": "GPU B", "fp32_gflops": 1500.0,
                              "launch_latency_us": 4.25, "details": {"copy_gbps_by_width": {"float4": {"median": 600}}}},
                             {"device": "opencl:2:0", "fp32_gflops": 70.0}],
                 "environment": {"cores": 16}}""");

        CliRun run = CliRun.of("bench", "compare", a.toString(), b.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("A: " + a, lines.get(0));
        assertEquals("B: " + b, lines.get(1));
        assertEquals(List.of(
                List.of("figure", "A", "B", "B/A"),
                List.of("devices[opencl:0:0].fp32_gflops", "1000", "1500", "1.500"),
                List.of("devices[opencl:0:0].launch_latency_us", "8.500", "4.250", "0.500"),
                List.of("devices[opencl:0:0].details.copy_gbps_by_width.float4.median", "400", "600", "1.500"),
                List.of("devices[opencl:1:0].fp32_gflops", "50", "-", "-"),
                List.of("devices[opencl:2:0].fp32_gflops", "-", "70", "-")),
                lines.subList(2, lines.size()).stream().map(l -> Arrays.asList(l.strip().split("\\s+"))).toList(),
                run::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        missing.json | -                       | no such file: "%d/missing.json"
        bad.json     | {"devices": [          | "%d/bad.json" is not JSON: Unexpected end-of-input
        other.json   | {"frames": []}          | "%d/other.json" is not a squall bench result (no devices, giter_per_s or series)
        """)
    void aFileThatIsNotABenchResultExitsTwo(String name, String content, String message) throws IOException {
        Path good = file("good.json", "{\"giter_per_s\": 1.5}");
        if (!content.equals("-")) {
            file(name, content);
        }
        CliRun run = CliRun.of("bench", "compare", good.toString(), dir.resolve(name).toString());
        assertEquals(2, run.exitCode(), run::toString);
        String expected = "squall: " + message.replace("%d", dir.toString());
        assertTrue(run.err().startsWith(expected), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertEquals("", run.out());
    }
}
