package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.api.FileKind;
import dev.squall.testing.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are not regular files: written as they are (a FIFO, a device, {@code -}), followed (a symbolic link),
 * or refused by name (standard error, a loop of links); never replaced by a regular file.
 */
class SpecialOutputsTest {
    private static final String[] RENDER = {"render", "mandelbrot", "--width", "64", "--height", "48", "--max-iter",
        "200", "--view", "-2.5,1,-1,1", "--device", "cpu"};

    @TempDir
    Path dir;

    private static String[] render(String... outputs) {
        return Stream.concat(Stream.of(RENDER), Stream.of(outputs)).toArray(String[]::new);
    }

    /** The counts of the test view, as a regular --counts file holds them. */
    private byte[] counts() throws IOException {
        Path file = dir.resolve("reference.u32");
        CliRun run = CliRun.of(render("--counts", file.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        return Files.readAllBytes(file);
    }

    @Test
    void countsToAFifoAreStreamedToItsReaderAndTheFifoStays() throws Exception {
        byte[] expected = counts();
        Path fifo = Posix.mkfifo(dir.resolve("pipe"));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = CliRun.of(render("--counts", fifo.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(expected, read.get(30, TimeUnit.SECONDS), "the reader got every count");
        assertEquals(FileKind.FIFO, FileKind.of(fifo));
        assertEquals(List.of("pipe", "reference.u32"), names());
    }

    @Test
    void aNullDeviceTakesTheCountsAndStaysADevice() throws Exception {
        Path devNull = Posix.mknod(dir.resolve("null"), 1, 3);
        CliRun run = CliRun.of(render("--counts", devNull.toString(), "--out", dir.resolve("x.png").toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(FileKind.CHARACTER_DEVICE, FileKind.of(devNull));
        assertEquals(List.of("null", "x.png"), names());
    }

    @Test
    void aFullDeviceFailsWithItsReasonStaysADeviceAndOtherOutputsAreNotWritten() throws Exception {
        Path full = Posix.mknod(dir.resolve("full"), 1, 7);
        Path png = Files.writeString(dir.resolve("old.png"), "old");
        CliRun run = CliRun.of(render("--counts", full.toString(), "--out", png.toString()));
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("squall: cannot write " + full + ": No space left on device"), run::toString);
        assertEquals(FileKind.CHARACTER_DEVICE, FileKind.of(full));
        assertEquals("old", Files.readString(png));
        assertEquals(List.of("full", "old.png"), names());
    }

    @Test
    void dashWritesToStandardOutputAndTheSummaryGoesToStderr() throws Exception {
        byte[] expected = counts();
        SquallProcess.Bytes run = SquallProcess.runBytes(Map.of(), List.of(), render("--counts", "-", "--verify"));
        assertEquals(0, run.exitCode(), run.err());
        assertArrayEquals(expected, run.out(), "standard output holds the counts and nothing else");
        assertTrue(run.err().startsWith("verified: 3072 pixels identical to the Java reference"), run.err());
        assertTrue(run.err().contains("\nmandelbrot 64x48 f64 max-iter 200 on cpu"), run.err());

        SquallProcess.Bytes png = SquallProcess.runBytes(Map.of(), List.of(), render("--out", "/dev/stdout"));
        assertEquals(0, png.exitCode(), png.err());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png.out(), 4));
    }

    @Test
    void bothOutputsOnStandardOutputOrOneOnStandardErrorAreRefused() {
        CliRun both = CliRun.of(render("--counts", "-", "--out", "-"));
        assertEquals(2, both.exitCode(), both::toString);
        assertEquals("squall: --out and --counts name the same standard output\n", both.err());

        CliRun stderr = CliRun.of(render("--counts", "/dev/stderr"));
        stderr.assertRefused("squall: --counts names standard error, which carries Squall's messages (write to - for"
                + " standard output, or to a file): \"/dev/stderr\"\n");
    }

    @Test
    void aSymbolicLinkIsFollowedItsFileReplacedAndTheLinkKept() throws IOException {
        Path real = Files.writeString(dir.resolve("real.png"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.png"), Path.of("real.png"));
        CliRun run = CliRun.of(render("--out", link.toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.isSymbolicLink(link), "still a link");
        assertEquals(Path.of("real.png"), Files.readSymbolicLink(link));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(real), 4));
        assertEquals(List.of("link.png", "real.png"), names());
    }

    @Test
    void aDanglingLinkGetsItsFileMadeAndALoopIsRefusedByName() throws IOException {
        Path dangling = Files.createSymbolicLink(dir.resolve("counts.u32"), Path.of("made.u32"));
        CliRun made = CliRun.of(render("--counts", dangling.toString()));
        assertEquals(0, made.exitCode(), made::toString);
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals(64 * 48 * 4, Files.size(dir.resolve("made.u32")));

        Path a = Files.createSymbolicLink(dir.resolve("a.png"), Path.of("b.png"));
        Files.createSymbolicLink(dir.resolve("b.png"), Path.of("a.png"));
        CliRun loop = CliRun.of(render("--out", a.toString()));
        assertEquals(2, loop.exitCode(), loop::toString);
        assertEquals("squall: --out names a loop of symbolic links: \"" + a + "\"\n", loop.err());
    }

    @Test
    void imageOutputThroughALinkKeepsTheLink() throws IOException {
        Path in = dir.resolve("in.png");
        assertEquals(0, CliRun.of(render("--out", in.toString())).exitCode());
        Path real = Files.writeString(dir.resolve("real.png"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("out.png"), real.getFileName());
        CliRun run = CliRun.of("image", in.toString(), "--op", "invert", "-o", link.toString(), "--device", "cpu");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.isSymbolicLink(link));
        assertFalse(Files.readString(real, java.nio.charset.StandardCharsets.ISO_8859_1).equals("old"));
    }

    @Test
    void aJobFrameThatIsAFifoIsRefusedAndLeftAFifo() throws Exception {
        Path job = TestJobs.oneFrame(dir.resolve("job.json"), 32, 16, 50, "cpu", "frames", "counts");
        Files.createDirectories(dir.resolve("frames"));
        Path fifo = Posix.mkfifo(dir.resolve("frames/frame-00000.u32"));
        CliRun run = CliRun.of("job", "run", job.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("squall: " + job + ": " + fifo + " is a FIFO, not a regular file: a job writes its frames as"
                + " files (remove it, or choose another output.dir)\n", run.err());
        assertEquals(FileKind.FIFO, FileKind.of(fifo));
    }

    @Test
    void aNameNearTheFileSystemsLimitStillGetsItsTemporaryFile() throws IOException {
        String name = "n".repeat(245) + ".png";    // 249 characters: with ".NAME.RANDOM.part", past 255
        CliRun run = CliRun.of(render("--out", dir.resolve(name).toString()));
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(name), names());
    }

    @Test
    void aKilledRendersTemporaryFileGoesAtTheNextRenderButALiveWritersStays() throws Exception {
        Path abandoned = Files.writeString(dir.resolve(".out.png.abc123.part"), "a killed render's");
        Path live = dir.resolve(".out.png.def456.part");
        Process holder = Posix.holdLock(live);
        try {
            Path unrelated = Files.writeString(dir.resolve(".other.png.abc123.part"), "not ours");
            CliRun run = CliRun.of(render("--out", dir.resolve("out.png").toString()));
            assertEquals(0, run.exitCode(), run::toString);
            assertFalse(Files.exists(abandoned), "the killed render's temporary file is removed");
            assertTrue(Files.exists(live), "a temporary file its writer still holds is left alone");
            assertTrue(Files.exists(unrelated), "another target's is not this render's to remove");
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
