package dev.squall.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.cli.Squall;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code squall job run JOB.json --spark local[2]}, the command line's own path (the Spark runner found through
 * ServiceLoader): the plan's report and summary as for a local run, resume (frames done skipped, a damaged one
 * redone, nothing to do without starting Spark), and a folder of another job refused before Spark starts.
 */
class CommandLineSparkTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run squall(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Squall.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aSparkRunResumesAsALocalRunDoesAndItsFramesAreExact() throws IOException {
        Map<String, byte[]> reference = SparkTests.reference(dir, 6, "counts");
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 6, "counts", "cpu");

        Run first = squall("job", "run", file.toString(), "--frames", "0-2", "--spark", "local[2]");
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(Pattern.compile("job: 3 frames rendered, 0 skipped, 96x64 f64 max-iter 400 on spark local\\[2]"
                + " \\(3 tasks, 1 executor\\): cpu \\(Java, .*\\): .* Giter/s \\(\\d+ iterations\\)\n")
                .matcher(first.out()).matches(), first::toString);

        try (RandomAccessFile damaged = new RandomAccessFile(dir.resolve("frames/frame-00001.u32").toFile(), "rw")) {
            damaged.seek(100);
            damaged.write(damaged.read() ^ 1);
        }
        Run second = squall("job", "run", file.toString(), "--spark", "local[2]");
        assertEquals(0, second.exitCode(), second::toString);
        List<String> lines = second.out().lines().toList();
        assertEquals(List.of("resumed: 2 of 6 frames already done", "to render: 3 not done yet, 1 damaged"),
                lines.subList(0, 2), second::toString);
        assertTrue(lines.get(2).startsWith("job: 4 frames rendered, 2 skipped, 96x64 f64 max-iter 400 on spark"
                + " local[2] (4 tasks, 1 executor): cpu (Java, "), second::toString);
        assertEquals(3, lines.size(), second::toString);
        SparkTests.assertExact(reference, file, dir.resolve("frames"));

        Run third = squall("job", "run", file.toString(), "--spark", "local[2]");
        assertEquals(new Run(0, "resumed: 6 of 6 frames already done\njob: 0 frames rendered, 6 skipped: nothing to"
                + " do\n", ""), third);
        assertEquals(squall("job", "run", file.toString()), third, "the same as a local run's");
    }

    @Test
    void aFolderOfAnotherJobIsRefusedBeforeSparkStartsAndLeftAsItIs() throws IOException {
        Path file = SparkTests.zoomJob(dir.resolve("job.json"), "frames", 2, "counts", "cpu");
        Run local = squall("job", "run", file.toString());
        assertEquals(0, local.exitCode(), local::toString);
        Map<String, byte[]> before = SparkTests.frames(dir.resolve("frames"));
        Files.writeString(file, Files.readString(file).replace("\"max_iter\": 400", "\"max_iter\": 90"));
        Run other = squall("job", "run", file.toString(), "--spark", "local[2]");
        assertEquals(new Run(2, "", "squall: " + file + ": " + dir.resolve("frames") + " holds frames of another"
                + " job: frame-00000.u32 was made with max_iter 400, this job's is 90; --force replaces them, or"
                + " choose another output.dir\n"), other);
        Map<String, byte[]> after = SparkTests.frames(dir.resolve("frames"));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
    }
}
