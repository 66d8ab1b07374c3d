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
        try {
            replace(target.toAbsolutePath(), content);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "");
    }

    private static void replace(Path absolute, Content content) throws IOException {
        Path temp = createTemporary(absolute);
        IN_PROGRESS.add(temp);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out, channel);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
            IN_PROGRESS.remove(temp);
        }
    }
}
