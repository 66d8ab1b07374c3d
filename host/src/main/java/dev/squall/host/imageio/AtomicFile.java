package dev.squall.host.imageio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see the old content or the whole new one, never a part: the bytes go to a temporary
 * file in the same folder, are flushed to disk, and the temporary file is renamed over the target.
 */
public final class AtomicFile {
    private AtomicFile() {
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
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".part");
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
        }
    }
}
