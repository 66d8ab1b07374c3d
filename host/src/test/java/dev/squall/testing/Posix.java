package dev.squall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Special files for tests, made with the system's own tools: FIFOs ({@code mkfifo}) and device nodes ({@code mknod},
 * root only). CI runs as root; elsewhere the device tests are skipped, saying why.
 */
public final class Posix {
    private Posix() {
    }

    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        run("mkfifo", path.toString());
        return path;
    }

    /** A character device node with the given numbers: 1 3 is /dev/null's, 1 7 /dev/full's. */
    public static Path mknod(Path path, int major, int minor) throws IOException, InterruptedException {
        assumeTrue(isRoot() || "true".equalsIgnoreCase(System.getenv("CI")),
                "making a device node needs root (CI runs as root)");
        run("mknod", path.toString(), "c", Integer.toString(major), Integer.toString(minor));
        return path;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": " + out);
    }

    /**
     * A JVM of its own that takes an OS record lock (fcntl, as Squall's writers do) on {@code file} and holds it
     * until destroyed: a live writer of another process. Returns once the lock is held.
     */
    public static Process holdLock(Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        int c = p.getInputStream().read();    // LockHolder prints one byte once it holds the lock
        if (c != 'L') {
            p.destroyForcibly();
            fail("the lock holder did not take its lock");
        }
        return p;
    }
}
