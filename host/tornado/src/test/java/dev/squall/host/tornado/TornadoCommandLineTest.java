package dev.squall.host.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.cli.Squall;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TornadoVM's fast mode from the command line, in a JVM of its own (the module's tests do not share forks: a process
 * runs TornadoVM exact or fast). On PoCL, and on GPUs, fast math (fused multiply-adds, -cl-mad-enable,
 * -cl-fast-relaxed-math) moves counts at the set's boundary: {@code --verify} must say so and write nothing.
 */
class TornadoCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void fastModeIsNamedAndVerifyShowsWhereItDiffersFromTheReference() throws Exception {
        Path png = dir.resolve("fast.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Squall.execute(new PrintWriter(out, true), new PrintWriter(err, true), "render", "mandelbrot",
                "--width", "1920", "--height", "1080", "--max-iter", "1000", "--view", "-2.5,1,-1,1",
                "--device", "tornado-fast", "--verify", "--out", png.toString());
        assertEquals(3, code, out + "\n" + err);
        Matcher m = Pattern.compile("verify: (\\d+) of 2073600 pixels differ from the Java reference \\(f64\\);"
                + " nothing written\\. First differences:\n").matcher(err.toString());
        assertTrue(m.lookingAt(), err.toString());
        assertTrue(Integer.parseInt(m.group(1)) > 0);
        assertFalse(Files.exists(png));

        StringWriter devices = new StringWriter();
        assertEquals(0, Squall.execute(new PrintWriter(devices, true), new PrintWriter(new StringWriter(), true),
                "devices"));
        assertTrue(devices.toString().lines().anyMatch(l -> l.startsWith("tornado:0 ")), devices.toString());
    }
}
