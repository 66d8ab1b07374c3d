package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigtermWhileWritingLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path png = dir.resolve("big.png");
        byte[] old = "the previous render".getBytes();
        Files.write(png, old);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A second of rendering, then seconds of PNG encoding (64 M varied pixels): the window to interrupt.
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Squall.class.getName(), "render", "mandelbrot",
                "--width", "8000", "--height", "8000", "--max-iter", "50", "--view", "-2.5,1,-1,1", "--device", "cpu",
                "--out", png.toString()).redirectErrorStream(true);
        builder.environment().put("LD_PRELOAD", Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (partFiles().isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(process.isAlive(), "finished before it could be interrupted: " + listing());
        List<Path> writing = partFiles();
        assertEquals(1, writing.size(), () -> "the PNG is being written to a temporary file: " + listing());
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), partFiles());
        assertArrayEquals(old, Files.readAllBytes(png));
    }

    private String listing() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName() + " " + f.toFile().length()).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private List<Path> partFiles() throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
