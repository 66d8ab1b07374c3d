package dev.squall.host.imageio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a file so that readers see the old content or the whole new one, never a part: the bytes go to a temporary
 * file in the same folder, are flushed to disk, and the temporary file is renamed over the target.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Temporary files being written. SIGINT and SIGTERM run shutdown hooks: the hook removes them, so an interrupted
     * render leaves neither a partial target nor a stray temporary file. (SIGKILL runs nothing: then the hidden
     * {@code .NAME.*.part} file stays, and the target is still the old one.)
     */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path temp : IN_PROGRESS) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // exiting anyway: nothing better to do than leave it
                }
            }
        }, "squall-atomic-file-cleanup"));
    }

    private AtomicFile() {
    }

    /**
     * A new hidden file beside {@code target}, created with the default permissions (the umask's, as the target would
     * get; {@code Files.createTempFile} would make it owner-only), or the target's own when it exists.
     */
    private static Path createTemporary(Path target) throws IOException {
        Path folder = target.getParent();
        while (true) {
            Path temp = folder.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                    + ".part");
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            if (Files.exists(target) && Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            return temp;
        }
    }

    /** What writes the content; may use the stream freely but must not close it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out, FileChannel channel) throws IOException;
    }

    /** Writes {@code target}; on failure the target is untouched and the exception names it and the cause. */
    public static void write(Path target, Content content) throws IOException {
        try (Pending pending = prepare(target, content)) {
            pending.commit();
        }
    }

    /**
     * Writes the content of {@code target} to its temporary file and flushes it to disk, but leaves the target as it
     * is until {@link Pending#commit()}: for callers that must record the new file elsewhere (a manifest) between the
     * two. Closing a pending file that was not committed removes it; so does SIGINT or SIGTERM.
     */
    public static Pending prepare(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            temp = createTemporary(absolute);
            IN_PROGRESS.add(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out, channel);
                out.flush();
                channel.force(true);
            }
            return new Pending(target, absolute, temp);
        } catch (IOException e) {
            if (temp != null) {
                discard(temp, e);
            }
            throw failure(target, e);
        } catch (RuntimeException | Error e) {
            if (temp != null) {
                discard(temp, e);
            }
            throw e;
        }
    }

    /** A complete temporary file waiting to replace its target. */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path absolute;
        private final Path temp;
        private boolean done;

        private Pending(Path target, Path absolute, Path temp) {
            this.target = target;
            this.absolute = absolute;
            this.temp = temp;
        }

        /** The temporary file, complete and flushed: readable (to checksum it, say) until committed. */
        public Path file() {
            return temp;
        }

        /** Renames the temporary file over the target, in one step. */
        public void commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or closed: " + target);
            }
            done = true;
            try {
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                discard(temp, e);
                throw failure(target, e);
            } finally {
                IN_PROGRESS.remove(temp);
            }
        }

        /** Removes the temporary file unless it was committed; the target stays as it was. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    Files.deleteIfExists(temp);
                } finally {
                    IN_PROGRESS.remove(temp);
                }
            }
        }
    }

    private static void discard(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        } finally {
            IN_PROGRESS.remove(temp);
        }
    }

    private static IOException failure(Path target, IOException e) {
        return new IOException("cannot write " + target + ": " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "");
    }
}
