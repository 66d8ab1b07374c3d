package dev.squall.testing;

import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code main(FILE)}: exits at once, and writes FILE through {@link AtomicFile} from a shutdown hook, so that the
 * class (and what it registers for SIGINT and SIGTERM) is first loaded while the JVM is already shutting down.
 */
public final class FirstUseInShutdown {
    private FirstUseInShutdown() {
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                AtomicFile.write(Path.of(args[0]), (out, channel) -> out.write("written during shutdown".getBytes()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        System.exit(0);
    }
}
