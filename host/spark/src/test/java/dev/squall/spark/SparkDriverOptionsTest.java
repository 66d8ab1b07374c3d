package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code host/spark/spark-driver.jvm-options} (what ./squall gives a Spark driver in its own JVM) is Spark's own list
 * for drivers, less what the file says it leaves out and why: when a new Spark changes its list, this says so.
 */
class SparkDriverOptionsTest {
    /** Passed by ./squall and the tests as Squall's own options, or not for Java 25 (the file says why). */
    private static final Set<String> LEFT_OUT = Set.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED");

    @Test
    void theDriversOptionsAreSparksOwnLessWhatTheFileSaysItLeavesOut() throws IOException {
        List<String> ours = Files.readAllLines(Path.of("spark-driver.jvm-options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> sparks = Arrays.stream(JavaModuleOptions.defaultModuleOptionArray())
                .filter(o -> !LEFT_OUT.contains(o)).toList();
        assertEquals(sparks, ours);
    }
}
