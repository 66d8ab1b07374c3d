package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.kernels.Precision;
import dev.squall.testing.Faults;
import dev.squall.testing.OpenClTestDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code render mandelbrot --center RE,IM --zoom Z}: deep zoom from the command line, exact counts. */
class DeepZoomCommandTest {
    /** shared/reference/deep-zoom.md's two locations (Kalles Fraktaler's benchmark views). */
    static final String RE_14 = "-1.759817130804847813610825010561798238243999999999999999999800";
    static final String IM_14 = "-0.012593310799749865383746631843264858450340000000000000000000";
    static final String RE_113 = "-1.47981577613247326072298452597877854692240725774045369689878510139864920741002293820"
            + "250517329282011227363313053159203914640783415609608168660705123082446357179491909705403381200";
    static final String IM_113 = "-0.00063911193261361727152139632255671572957303918943984736047394936471220951961813"
            + "321928573067036466151147195436388486168819318341208023229522609015461543581599807510715681229605";

    @TempDir
    Path dir;

    private static long sum(byte[] counts) {
        long sum = 0;
        ByteBuffer b = ByteBuffer.wrap(counts).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            sum += Integer.toUnsignedLong(b.getInt());
        }
        return sum;
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    @Test
    void theFirstReferenceLocationIsExactAndVerifiedInArbitraryPrecision() throws IOException {
        Path counts = dir.resolve("d.u32");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "4036",
                "--center", RE_14 + "," + IM_14, "--zoom", "1.00E14", "--device", "cpu", "--verify",
                "--counts", counts.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("verified: 1024 pixels identical to the Java reference (deep zoom 1.00E+14,"
                + " sum 481694, crc32 44c07a66)\nmandelbrot 32x32 deep zoom 1.00E+14 max-iter 4036 on cpu"),
                run::toString);
        byte[] bytes = Files.readAllBytes(counts);
        assertEquals(481694, sum(bytes));
        assertEquals("44c07a66", crc(bytes));
    }

    @Test
    void theSecondReferenceLocationIsExact() throws IOException {
        Path counts = dir.resolve("d.u32");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "35494",
                "--center", RE_113 + "," + IM_113, "--zoom", "5.00E113", "--device", "cpu", "--counts",
                counts.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("(?s)mandelbrot 32x32 deep zoom 5\\.00E\\+113 max-iter 35494 on cpu .*\n  deep zoom:"
                + " reference orbit [0-9.]+ s \\(\\d+ steps, 646 bits\\), bilinear table [0-9.]+ s, pixels [0-9.]+ s"
                + " \\(double deltas, [1-9]\\d* rebases, [1-9]\\d* jumps skipping \\d+ steps, \\d+ steps\\); \\d+ pixels"
                + " recomputed in double-double \\([0-9.]+ s\\), 0 in arbitrary precision \\([0-9.]+ s\\)\n"),
                run::toString);
        byte[] bytes = Files.readAllBytes(counts);
        assertEquals(23270782, sum(bytes));
        assertEquals("620dd7eb", crc(bytes));
    }

    /**
     * Where the direct render's double coordinates are exact (a dyadic centre and step, power-of-two widths), the
     * deep zoom of the same view gives the same counts: row 0 at the top is the direct view with YMIN above YMAX.
     */
    @ParameterizedTest(name = "{0}x{1} at {2},{3} zoom {4}")
    @CsvSource({"64, 64, 0, 0, 1, '-2,2,2,-2'", "32, 16, -0.75, 0.125, 4, '-1.75,0.25,0.625,-0.375'",
                "64, 8, -1.5, 0, 16, '-2.5,-0.5,0.125,-0.125'"})
    void shallowViewsEqualTheDirectRender(int w, int h, String re, String im, String zoom, String view)
            throws IOException {
        Path deep = dir.resolve("deep.u32");
        Path direct = dir.resolve("direct.u32");
        CliRun a = CliRun.of("render", "mandelbrot", "--width", "" + w, "--height", "" + h, "--max-iter", "300",
                "--center", re + "," + im, "--zoom", zoom, "--device", "cpu", "--counts", deep.toString());
        assertEquals(0, a.exitCode(), a::toString);
        CliRun b = CliRun.of("render", "mandelbrot", "--width", "" + w, "--height", "" + h, "--max-iter", "300",
                "--view", view, "--device", "cpu", "--counts", direct.toString());
        assertEquals(0, b.exitCode(), b::toString);
        assertArrayEquals(Files.readAllBytes(direct), Files.readAllBytes(deep));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        --center 0,x --zoom 1                  | squall: --center must be a decimal number, got "x"
        --center 0,0,0 --zoom 1                | squall: --center must be two decimal numbers RE,IM, got "0,0,0"
        --center 0,0 --zoom -1                 | squall: --zoom must be a positive decimal number, got "-1"
        --center 0,0 --zoom 0                  | squall: --zoom must be a positive decimal number, got "0"
        --center 0,0 --zoom Infinity           | squall: --zoom must be a positive decimal number, got "Infinity"
        --center 0,0 --zoom 1e                 | squall: --zoom must be a positive decimal number, got "1e"
        --center 0,0                           | squall: --center needs --zoom Z
        --zoom 1e300                           | squall: --zoom needs --center RE,IM
        --center 0,0 --zoom 1 --view -2,1,-1,1 | squall: --view and --center/--zoom are two ways to give the view: give one
        --center 0,0 --zoom 1 --precision f32  | squall: --precision is not for deep zoom (--center): its arithmetic is chosen for each render, every count exact
        """)
    void badDeepZoomInputExitsTwoAndWritesNothing(String change, String message) throws IOException {
        Path counts = dir.resolve("kept.u32");
        Files.writeString(counts, "before");
        String[] extra = change.strip().split(" +");
        String[] args = new String[8 + extra.length];
        System.arraycopy(new String[] {"render", "mandelbrot", "--width", "8", "--height", "8", "--max-iter", "10"},
                0, args, 0, 8);
        System.arraycopy(extra, 0, args, 8, extra.length);
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--counts";
        all[args.length + 1] = counts.toString();
        CliRun run = CliRun.of(all);
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(message + "\n", run.err());
        assertEquals("before", Files.readString(counts), "the file is untouched");
    }

    /**
     * Beyond 64 x 64 pixels, --verify recomputes in arbitrary precision the first rows (4096 pixels) and a fixed
     * random sample of the others, and says so; a device that gets a pixel of the first rows wrong exits 3 with
     * nothing written.
     */
    @Test
    void largeDeepRendersAreVerifiedOnTheirFirstRowsAndASample() throws IOException {
        String[] args = {"render", "mandelbrot", "--width", "96", "--height", "64", "--max-iter", "500",
            "--center", "-0.7436438870371587,0.1318259042053119", "--zoom", "1e9", "--device", "cpu", "--verify"};
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().matches("(?s)verified: \\d+ of 6144 pixels \\(the first rows and a random sample\\)"
                + " identical to the Java reference \\(deep zoom 1E\\+9, sum \\d+, crc32 [0-9a-f]{8}\\)\n.*"),
                run::toString);
        int checked = Integer.parseInt(run.out().split(" ")[1]);
        assertTrue(checked > 4096 && checked < 6144, run::toString);
        Path out = dir.resolve("d.png");
        Squall.deviceDecorator = Faults.corruptPixel(96 * 3 + 7);
        try {
            String[] corrupt = java.util.Arrays.copyOf(args, args.length + 2);
            corrupt[args.length] = "--out";
            corrupt[args.length + 1] = out.toString();
            CliRun bad = CliRun.of(corrupt);
            assertEquals(3, bad.exitCode(), bad::toString);
            assertTrue(bad.err().startsWith("verify: 1 of " + checked + " pixels differ from the Java reference"),
                    bad::toString);
            assertTrue(bad.err().contains("  (7, 3): device "), bad::toString);
            assertTrue(Files.notExists(out), "nothing written");
        } finally {
            Squall.deviceDecorator = java.util.function.UnaryOperator.identity();
        }
    }

    @Test
    void otherFormulasRefuseACentreAndBenchTimesItOnTheCpu() throws IOException {
        CliRun julia = CliRun.of("render", "julia", "--c", "0,0", "--width", "8", "--height", "8", "--max-iter",
                "10", "--center", "0,0", "--zoom", "1");
        assertEquals(2, julia.exitCode(), julia::toString);
        assertEquals("squall: --center and --zoom (deep zoom) are the Mandelbrot set's; give julia a --view\n",
                julia.err());
        CliRun benchJulia = CliRun.of("bench", "julia", "--c", "0,0", "--width", "8", "--height", "8", "--max-iter",
                "10", "--center", "0,0", "--zoom", "1");
        assertEquals(2, benchJulia.exitCode(), benchJulia::toString);
        assertEquals("squall: --center and --zoom (deep zoom) are render mandelbrot's; give --view here\n",
                benchJulia.err());
        // deep-zoom.md's 1e14 case, timed: its documented counts every run, each stage reported.
        CliRun bench = CliRun.of("bench", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "4036",
                "--center", RE_14 + "," + IM_14, "--zoom", "1.00E14", "--runs", "3", "--warmup", "1", "--json");
        assertEquals(0, bench.exitCode(), bench::toString);
        JsonNode r = new ObjectMapper().readTree(bench.out());
        assertEquals("44c07a66", r.get("crc32").asText());
        assertEquals(481694, r.get("iterations").asLong());
        assertEquals(3, r.get("seconds").size());
        assertEquals(3, r.get("runs").asInt());
        assertEquals(557, r.get("orbit_steps").asInt());
        for (String stage : List.of("orbit_s", "table_s", "pixels_s", "double_double_s", "oracle_s", "first_run_s")) {
            assertTrue(r.get(stage).asDouble() >= 0, stage);
        }
        assertTrue(r.get("seconds_median").asDouble() > 0);
    }

    /** The same view timed on an OpenCL device: the same counts, the device named. */
    @Test
    void benchTimesADeepViewOnAnOpenClDevice() throws IOException {
        String id = OpenClTestDevice.require(Precision.F64).id();
        CliRun bench = CliRun.of("bench", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "4036",
                "--center", RE_14 + "," + IM_14, "--zoom", "1.00E14", "--runs", "2", "--warmup", "0", "--json",
                "--device", id);
        assertEquals(0, bench.exitCode(), bench::toString);
        JsonNode r = new ObjectMapper().readTree(bench.out());
        assertEquals("44c07a66", r.get("crc32").asText());
        assertTrue(r.get("device").asText().startsWith(id + " "), bench::toString);
        assertEquals(481694, r.get("steps").asLong(), "every iteration a single step (no jumps at 1e14)");
    }

    /** Deep zoom on an OpenCL device: the first tier there, the rest on the host; deep-zoom.md's counts, verified. */
    @Test
    void anOpenClDeviceRendersDeepZoomNamedAndUnderAuto() throws IOException {
        String id = OpenClTestDevice.require(Precision.F64).id();
        for (String device : List.of(id, "auto")) {
            Path counts = dir.resolve(device.replace(':', '-') + ".u32");
            CliRun run = CliRun.of("render", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "35494",
                    "--center", RE_113 + "," + IM_113, "--zoom", "5.00E113", "--device", device, "--counts",
                    counts.toString(), "--verify");
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals("", run.err());
            assertTrue(run.out().contains(" on " + id + " "), run::toString);
            assertTrue(run.out().matches("(?s).*pixels on " + id + " [0-9.]+ s \\(double deltas, \\d+ rebases, [1-9]\\d*"
                    + " jumps.*; \\d+ pixels recomputed in double-double.*"), run::toString);
            assertEquals("620dd7eb", crc(Files.readAllBytes(counts)), "deep-zoom.md's 5e113 counts");
        }
    }

    @Test
    void theFastModeSaysHowManyCountsItKeptUnprovenAndVerifyMeasuresThem() throws IOException {
        Path fast = dir.resolve("fast.u32");
        CliRun run = CliRun.of("render", "mandelbrot", "--width", "32", "--height", "32", "--max-iter", "35494",
                "--center", RE_113 + "," + IM_113, "--zoom", "5.00E113", "--deep", "fast", "--device", "cpu",
                "--counts", fast.toString(), "--verify");
        assertEquals(run.out().contains("identical") ? 0 : 3, run.exitCode(), run::toString);
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("mandelbrot 32x32 deep zoom (fast) 5.00E+113")),
                run::toString);
        assertTrue(run.out().matches("(?s).*--deep fast: \\d+ pixels' counts kept unproven \\(--verify measures"
                + " them\\).*"), run::toString);
        assertTrue(run.out().contains("0 pixels recomputed in double-double"), run::toString);
        if (run.exitCode() == 0) {
            assertEquals("620dd7eb", crc(Files.readAllBytes(fast)), "verified identical: deep-zoom.md's counts");
        }
        for (String[] bad : new String[][] {
            {"--center", "0,0", "--zoom", "1", "--deep", "quick"},
            {"--view", "-2,1,-1,1", "--deep", "fast"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(List.of("render", "mandelbrot", "--width", "8",
                    "--height", "8", "--max-iter", "10"));
            args.addAll(List.of(bad));
            CliRun refused = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, refused.exitCode(), refused::toString);
            assertEquals(bad[bad.length - 1].equals("quick") ? "squall: --deep must be exact or fast, got \"quick\"\n"
                    : "squall: --deep is for deep zoom: give --center and --zoom\n", refused.err());
        }
    }
}
