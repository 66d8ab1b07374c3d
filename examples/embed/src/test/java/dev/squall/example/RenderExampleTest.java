package dev.squall.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.kernels.mandelbrot.Formula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example, run as a program that embeds Squall would run it: against the installed engine artifact. */
class RenderExampleTest {
    @TempDir
    Path dir;

    @Test
    void theSeedViewIsRenderedVerifiedAndWrittenThroughTheEngine() throws IOException {
        Path png = dir.resolve("mandelbrot.png");
        String line = RenderExample.render("cpu", Formula.MANDELBROT, png);
        assertEquals("mandelbrot on cpu: sum 458700700, crc32 c7052418, verified, written to " + png,
                line.replaceFirst(" on cpu \\(Java[^)]*\\)", " on cpu"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(png), 4));
    }

    /** The same view as a Julia set: the sum and CRC-32 that squall render julia --verify gives for it. */
    @Test
    void aJuliaSetToo() {
        Path png = dir.resolve("julia.png");
        String line = RenderExample.render("cpu", new Formula.Julia(-0.8, 0.156), png);
        assertEquals("julia on cpu: sum 73260531, crc32 137de212, verified, written to " + png,
                line.replaceFirst(" on cpu \\(Java[^)]*\\)", " on cpu"));
    }
}
