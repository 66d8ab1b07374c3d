package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.squall.host.buffer.HostMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input: exit 2, one line naming the value and what is allowed, and the outputs left exactly as they were. */
class BadInputTest {
    private static final byte[] OLD_PNG = "an earlier render".getBytes();
    private static final byte[] OLD_COUNTS = {1, 2, 3, 4};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
        --width 0                      | --width must be a positive integer, got 0
        --width -7                     | --width must be a positive integer, got -7
        --width abc                    | --width must be a positive integer, got abc
        --width 1.5                    | --width must be a positive integer, got 1.5
        --width 3000000000             | --width must be a positive integer up to 2147483647, got 3000000000
        --height 0                     | --height must be a positive integer, got 0
        --height x                     | --height must be a positive integer, got x
        --max-iter 0                   | --max-iter must be at least 1, got 0
        --max-iter -5                  | --max-iter must be at least 1, got -5
        --view 1,2,3                   | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "1,2,3"
        --view 1,1,0,1                 | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "1,1,0,1"
        --view -2,1,0.5,0.5            | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "-2,1,0.5,0.5"
        --view -2,1,NaN,1              | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "-2,1,NaN,1"
        --view -2,Infinity,0,1         | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "-2,Infinity,0,1"
        --view a,b,c,d                 | --view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "a,b,c,d"
        --precision f16                | --precision must be one of f64, f32, got "f16"
        --precision F64                | --precision must be one of f64, f32, got "F64"
        --device gpu                   | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "gpu"
        --device opencl:0              | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "opencl:0"
        --device tornado:x             | --device must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "tornado:x"
        --device tornado,tornado-fast  | --device must be TornadoVM devices all exact (tornado) or all fast (tornado-fast): its arithmetic is set once per process, got "tornado,tornado-fast"
        --device tornado               | --device tornado: TornadoVM is not available to this squall (%s; see README, TornadoVM)
        --frobnicate                   | Unknown option: '--frobnicate'
        --width 2000000 --height 2000000 | --counts of 2000000 x 2000000 needs 14.55 TiB, more than the %s free in "%d"
        --width 800000000 --height 1     | --out PNG rows hold at most 715827877 pixels (one Java array of RGB bytes), got --width 800000000
        --out keep.jpg                 | --out must name a .png file, got "%d/keep.jpg"
        --out missing/x.png            | --out folder does not exist: "%d/missing"
        --counts missing/x.u32         | --counts folder does not exist: "%d/missing"
        --counts %d/keep.png           | --out and --counts name the same file "%d/keep.png"
        --out %d                       | --out must name a .png file, got "%d"
        --counts %d                    | --counts names a folder, not a file: "%d"
        """)
    void isRejectedWithExitTwoAndNothingWritten(String change, String message) throws IOException {
        Path png = dir.resolve("keep.png");
        Path counts = dir.resolve("keep.u32");
        Files.write(png, OLD_PNG);
        Files.write(counts, OLD_COUNTS);

        CliRun run = CliRun.of(args(change.replace("%d", dir.toString())));

        assertEquals(2, run.exitCode(), run::toString);
        String expected = "squall: " + message.replace("%d", dir.toString());
        if (expected.contains("%s")) {    // an amount of memory or disk space that depends on the machine
            String[] around = expected.split("%s");
            assertTrue(run.err().startsWith(around[0]) && run.err().endsWith(around[1] + "\n"), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
        } else {
            assertEquals(expected + "\n", run.err());
        }
        assertEquals("", run.out());
        assertArrayEquals(OLD_PNG, Files.readAllBytes(png));
        assertArrayEquals(OLD_COUNTS, Files.readAllBytes(counts));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("keep.png", "keep.u32"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void rowsTooWideForMemoryAreRejectedBeforeAnyWork() throws IOException {
        long rowBytes = 4L * Integer.MAX_VALUE;
        assumeTrue(rowBytes * dev.squall.api.Memory.STREAMED_ROWS > HostMemory.available(), "this machine has the memory");
        Files.write(dir.resolve("keep.u32"), OLD_COUNTS);

        CliRun run = CliRun.of("render", "mandelbrot", "--width", "2147483647", "--height", "1", "--max-iter", "10",
                "--view", "-2,1,-1,1", "--device", "cpu",
                "--counts", dir.resolve("keep.u32").toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: --width 2147483647 needs 8.00 GiB for each row of counts, too wide"
                + " for the ") && run.err().endsWith(" of memory available\n"), run::toString);
        assertArrayEquals(OLD_COUNTS, Files.readAllBytes(dir.resolve("keep.u32")));
    }

    /** A valid render of both outputs in {@code dir}, with the options of {@code change} replacing the defaults. */
    private String[] args(String change) {
        List<String> defaults = new ArrayList<>(List.of("--width", "64", "--height", "48", "--max-iter", "50",
                "--view", "-2.5,1,-1,1", "--device", "cpu",
                "--out", dir.resolve("keep.png").toString(), "--counts", dir.resolve("keep.u32").toString()));
        List<String> changed = Arrays.asList(change.strip().split("\\s+"));
        for (int i = 0; i < changed.size(); i++) {
            String option = changed.get(i);
            int at = defaults.indexOf(option);
            boolean hasValue = i + 1 < changed.size() && !changed.get(i + 1).startsWith("--");
            if (at >= 0 && hasValue) {
                defaults.set(at + 1, resolve(option, changed.get(++i)));
            } else {
                defaults.add(option);
                if (hasValue) {
                    defaults.add(resolve(option, changed.get(++i)));
                }
            }
        }
        List<String> all = new ArrayList<>(List.of("render", "mandelbrot"));
        all.addAll(defaults);
        return all.toArray(String[]::new);
    }

    private String resolve(String option, String value) {
        boolean file = option.equals("--out") || option.equals("--counts");
        return file && !value.startsWith("/") ? dir.resolve(value).toString() : value;
    }
}
