package dev.squall.host.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.testing.Checksums;
import dev.squall.testing.CpuRenders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU backend at every vector width this machine can be told to use (128 and 256 bits, and its own widest):
 * the same counts as the Java reference and the same iterations executed as at the widest, for every formula, both
 * precisions, shortcut on and off. 128-bit doubles take their own loop (VectorTwoLanes): this is where it shows.
 * The other JVMs skip the cold phase's scalar rows ({@link ColdStart}), so that every row runs the vector loops.
 */
@Tag("slow")
class VectorWidthsTest {
    @ParameterizedTest(name = "-XX:MaxVectorSize={0}")
    @ValueSource(ints = {16, 32})
    void everyWidthGivesTheReferenceAndTheSameIterations(int bytes) throws Exception {
        List<String> here = new ArrayList<>();
        for (Object[] c : CpuRenders.cases()) {
            MandelbrotParams params = (MandelbrotParams) c[0];
            String line = CpuRenders.line(params, (Boolean) c[1]);
            assertEquals(Checksums.crc32(MandelbrotReference.render(params)), line.split(" ")[1], line);
            here.add(line);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxVectorSize=" + bytes, "-Dsquall.cpu.vectorsFromTheStart=true", "--add-modules",
                "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), CpuRenders.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        List<String> there = out.lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(here, there);
    }
}
