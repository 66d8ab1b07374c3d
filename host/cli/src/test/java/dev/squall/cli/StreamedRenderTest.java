package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render larger than its memory: the tiles stream through the verifier into the file, nothing holds the image. */
@Tag("slow")
class StreamedRenderTest {
    private static final Pattern VERIFIED = Pattern.compile(
            "verified: 256000000 pixels identical to the Java reference \\(f64, sum (\\d+), crc32 ([0-9a-f]{8})\\)\n");

    @TempDir
    Path dir;

    @Test
    void aGigabyteOfCountsStreamsThroughASmallHeapAndLessResidentMemoryThanHalfOfIt()
            throws IOException, InterruptedException {
        Path counts = dir.resolve("big.u32");
        long bytes = 16_000L * 16_000 * Integer.BYTES;
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 2 * bytes, "needs 2 GB of free disk in " + dir);

        SquallProcess.Measured measured = SquallProcess.measured(Map.of(), List.of("-Xmx64m"), "render",
                "mandelbrot", "--width", "16000", "--height", "16000", "--max-iter", "3", "--view", "-2.5,1,-1,1",
                "--device", "cpu", "--verify", "--counts", counts.toString());

        CliRun run = measured.run();
        assertEquals(0, run.exitCode(), run::toString);
        Matcher verified = VERIFIED.matcher(run.out().lines().findFirst().orElse("") + "\n");
        assertTrue(verified.matches(), run::toString);
        assertEquals(bytes, Files.size(counts));
        CRC32 crc = new CRC32();
        long sum = 0;
        try (InputStream in = Files.newInputStream(counts)) {
            byte[] chunk = new byte[1 << 20];
            for (int n; (n = in.readNBytes(chunk, 0, chunk.length)) > 0; ) {
                crc.update(chunk, 0, n);
                for (int i = 0; i < n; i += 4) {
                    sum += (chunk[i] & 0xFFL) | (chunk[i + 1] & 0xFFL) << 8 | (chunk[i + 2] & 0xFFL) << 16
                            | (chunk[i + 3] & 0xFFL) << 24;
                }
            }
        }
        assertEquals(verified.group(2), String.format("%08x", crc.getValue()), "the file is what was verified");
        assertEquals(Long.parseLong(verified.group(1)), sum);
        if (measured.peakResidentBytes() > 0) {    // Linux
            assertTrue(measured.peakResidentBytes() < bytes / 2, "peak resident " + measured.peakResidentBytes()
                    + " bytes for " + bytes + " bytes of counts");
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(counts), files.toList(), "no temporary file left");
        }
    }
}
