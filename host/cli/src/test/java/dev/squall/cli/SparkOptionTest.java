package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code job run --spark MASTER} without Squall's Spark module on the class path (the command line's own build has
 * none): one line saying how to get it, exit 2, nothing made. host/spark's tests run the option with the module.
 */
class SparkOptionTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheSparkModuleSparkIsRefusedSayingHowToGetItAndNothingIsMade() throws IOException {
        Path file = TestJobs.oneFrame(dir.resolve("job.json"), 8, 6, 20, "cpu", "frames", "counts");
        CliRun run = CliRun.of("job", "run", file.toString(), "--spark", "local[2]");
        run.assertRefused("squall: --spark needs Squall's Spark module (host/spark), which is not on this squall's"
                + " class path: ./squall builds and adds it when --spark is given (by hand: ./mvnw -Pspark install -pl"
                + " host/spark -am, then the class path host/spark/target/squall-spark.jar:host/spark/target/lib/*)\n");
        assertTrue(run.out().isEmpty(), run::toString);
        assertFalse(Files.exists(dir.resolve("frames")), "nothing made");
    }
}
