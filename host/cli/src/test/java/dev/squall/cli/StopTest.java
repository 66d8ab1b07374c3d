package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.testing.FirstUseInShutdown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM and SIGINT take one ordered path: the frame being written finishes, the stop is said in one line, the
 * exit code is 128 plus the signal, and no stack trace is ever printed.
 */
@Tag("slow")
class StopTest {
    private static final Pattern PART = Pattern.compile("\\.(frame-\\d{5}\\.png)\\.[0-9a-z]+\\.part");

    @TempDir
    Path dir;

    /** Frames that take long to write (9 Mpixel PNGs) and little to render (max-iter 20): a wide window. */
    private Path job() throws IOException {
        return Files.writeString(dir.resolve("job.json"), """
                { "kernel": "mandelbrot", "width": 3000, "height": 3000, "max_iter": 20, "device": "cpu",
                  "zoom": {"center": [-0.75, 0.1], "start_width": 3.0, "end_width": 0.3, "frames": 12},
                  "output": { "dir": "frames", "format": "png" } }
                """);
    }

    /** Signals the run while a frame is being written; returns that frame's file name. */
    private String stopWhileWriting(Process process, String signal) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<String> writing = writing();
            if (writing.isPresent()) {
                new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
                return writing.get();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no frame was seen being written");
    }

    private Optional<String> writing() throws IOException {
        if (!Files.isDirectory(dir.resolve("frames"))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir.resolve("frames"))) {
            return files.map(f -> PART.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).findFirst();
        }
    }

    @Test
    void sigtermFinishesTheFrameBeingWrittenSaysSoAndExits143() throws Exception {
        checkStop("TERM", 143);
    }

    @Test
    void sigintDoesTheSameAndExits130() throws Exception {
        checkStop("INT", 130);
    }

    private void checkStop(String signal, int exit) throws Exception {
        Path job = job();
        Process process = SquallProcess.start(List.of(), dir.resolve("out.txt"), dir.resolve("err.txt"), "job", "run",
                job.toString());
        String frame = stopWhileWriting(process, signal);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stopped");
        String err = SquallProcess.errors(dir.resolve("err.txt"));
        assertEquals(exit, process.exitValue(), err);
        assertTrue(err.matches("(?s).*squall: stopped with \\d+ of 12 frames done; run the same command again to"
                + " resume\n"), err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("Error"), err);
        assertTrue(Files.exists(dir.resolve("frames").resolve(frame)), "the frame being written was finished: "
                + frame + " " + err);
        assertEquals(Optional.empty(), writing(), "no temporary file left");

        Matcher done = Pattern.compile("stopped with (\\d+) of 12").matcher(err);
        assertTrue(done.find());
        int frameIndex = Integer.parseInt(frame.substring(6, 11));
        assertTrue(Integer.parseInt(done.group(1)) >= frameIndex + 1, "the count includes the finished frame: " + err);
    }

    @Test
    void aRenderStoppedBySigtermSaysNothingWasWrittenAndExits143() throws Exception {
        Path png = Files.writeString(dir.resolve("big.png"), "the previous render");
        Process process = SquallProcess.start(List.of(), dir.resolve("out.txt"), dir.resolve("err.txt"), "render",
                "mandelbrot", "--width", "6000", "--height", "6000", "--max-iter", "50", "--view", "-2.5,1,-1,1",
                "--device", "cpu", "--out", png.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive() && !partFile()) {
            Thread.sleep(2);
        }
        process.destroy();    // SIGTERM
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String err = SquallProcess.errors(dir.resolve("err.txt"));
        assertEquals(143, process.exitValue(), err);
        assertEquals("squall: stopped; nothing written (files left as they were)\n", err);
        assertEquals("the previous render", Files.readString(png));
        assertFalse(partFile());
    }

    private boolean partFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void squallsStopPathFirstLoadedDuringShutdownFailsNothing() throws Exception {
        Path file = dir.resolve("written.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FirstUseInShutdown.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", output, "no ExceptionInInitializerError or any other word");
        assertEquals(0, p.exitValue());
        assertEquals("written during shutdown", Files.readString(file));
    }
}
