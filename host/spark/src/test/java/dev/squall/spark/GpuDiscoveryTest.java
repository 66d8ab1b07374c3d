package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.api.DeviceInfo;
import dev.squall.api.DeviceReport;
import dev.squall.api.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceInformation$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery script Squall ships ({@code host/spark/squall-gpu-discovery.sh}) and what a task makes of the
 * addresses it gives: this host's OpenCL GPUs by id, in the JSON Spark reads, each address the device a task opens.
 */
class GpuDiscoveryTest {
    private static final Path SCRIPT = Path.of("squall-gpu-discovery.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private static DeviceInfo device(String id, String type) {
        return new DeviceInfo(id, type, 8, 1L << 30, 1L << 28, true, "a test's device");
    }

    @Test
    void theResourceListsTheGpusAmongTheOpenClDevicesByTheirIds() {
        assertEquals("{\"name\":\"gpu\",\"addresses\":[\"opencl:0:0\",\"opencl:1:1\"]}", GpuDiscovery.json(List.of(
                device("opencl:0:0", "GPU"), device("opencl:1:0", "CPU"), device("opencl:1:1", "GPU"),
                device("opencl:2:0", "ACCELERATOR"))));
        assertEquals("{\"name\":\"gpu\",\"addresses\":[]}", GpuDiscovery.json(List.of(device("opencl:0:0", "CPU"))));
    }

    @Test
    void theScriptPrintsThisHostsGpusAsSparkReadsThem() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString()).redirectError(dir.resolve("err").toFile());
        builder.environment().put("SQUALL_SPARK_JAR", System.getProperty("java.class.path"));
        Process script = builder.start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, script.waitFor(), () -> out + readString(dir.resolve("err")));
        assertEquals(GpuDiscovery.json(DeviceReport.probe().openCl()) + "\n", out);
        ResourceInformation gpu = ResourceInformation$.MODULE$.parseJson(out);    // Spark's own reading of it
        assertEquals("gpu", gpu.name());
        assertEquals(DeviceReport.probe().openCl().stream().filter(d -> d.type().equals("GPU")).map(DeviceInfo::id)
                .toList(), List.of(gpu.addresses()));
    }

    @Test
    void withoutSquallsJarTheScriptSaysWhereItLooked() throws IOException, InterruptedException {
        Path alone = Files.copy(SCRIPT, dir.resolve("squall-gpu-discovery.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        ProcessBuilder builder = new ProcessBuilder(alone.toString()).directory(dir.toFile())
                .redirectError(dir.resolve("err").toFile()).redirectOutput(dir.resolve("out").toFile());
        builder.environment().remove("SQUALL_SPARK_JAR");
        assertEquals(1, builder.start().waitFor());
        assertEquals("", readString(dir.resolve("out")));
        assertEquals("squall-gpu-discovery: no squall-spark-submit.jar in " + dir + ", " + dir + "/target or " + dir
                + "; set SQUALL_SPARK_JAR\n", readString(dir.resolve("err")));
    }

    @Test
    void anAddressIsTheDeviceItNamesAndAnAddressFromAnotherScriptIsRefusedByName() {
        assertEquals("opencl:0:1", GpuAddresses.device(List.of("opencl:0:1")));
        assertEquals("opencl:0:0,opencl:1:0", GpuAddresses.device(List.of("opencl:0:0", "opencl:1:0")));
        EngineException e = assertThrows(EngineException.class, () -> GpuAddresses.device(List.of("0")));
        assertEquals(EngineException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().startsWith("GPU address \"0\" is not an OpenCL device id (opencl:P:D, as squall"
                + " devices lists them): give the executors Squall's discovery script"), e.getMessage());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
