package dev.squall.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What an output path is, and so how Squall writes it:
 * <ul>
 * <li>{@link Kind#FILE}: a regular file or a new name, replaced atomically (a temporary file in the same folder,
 * renamed over it). A symbolic link is followed, to the end of its chain: the file it points to is replaced and the
 * link stays a link (a dangling link gets its target made).
 * <li>{@link Kind#STREAM}: a character device ({@code /dev/null}, a terminal) or a FIFO: written directly, in one
 * pass, as the bytes are made. Nothing can be taken back from a stream: a failure or a {@code --verify} mismatch
 * leaves its reader with what was sent so far (the exit code says).
 * <li>{@link Kind#STANDARD_OUTPUT}: {@code -}, {@code /dev/stdout}, {@code /dev/fd/1}: a stream to this process's
 * standard output.
 * </ul>
 * Refused before any work: a folder, a block device, a socket, standard error (it carries Squall's messages), a loop
 * of symbolic links, a missing or unwritable folder.
 *
 * @param kind how the path is written
 * @param path where the bytes go: for {@link Kind#FILE}, the file itself, absolute, at the end of any chain of
 *     symbolic links; for {@link Kind#STREAM}, the device or FIFO, absolute, links followed; for
 *     {@link Kind#STANDARD_OUTPUT}, the path as given
 */
public record OutputTarget(Kind kind, Path path) {
    /** How an output path is written. */
    public enum Kind {
        /** A regular file or a new name: written to a temporary file in the same folder, renamed over it. */
        FILE,
        /** A character device or a FIFO: written directly, in one pass; nothing sent can be taken back. */
        STREAM,
        /** This process's standard output: a stream too. */
        STANDARD_OUTPUT
    }

    private static final Set<String> STDOUT = Set.of("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1");
    private static final Set<String> STDERR = Set.of("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2");

    /**
     * {@return whether {@code path} names standard output: {@code -} or one of its device names ({@code /dev/stdout},
     * {@code /dev/fd/1}, {@code /proc/self/fd/1})}
     *
     * @param path an output path as the user gave it
     */
    public static boolean isStandardOutput(Path path) {
        return path.toString().equals("-") || STDOUT.contains(path.toAbsolutePath().normalize().toString());
    }

    /**
     * {@return whether {@code path} is one Squall writes as a stream whatever its name: standard output, or an
     * existing FIFO or character device (so that a check of the file name's extension does not apply); false too
     * when it cannot be written at all ({@link #of} says why)}
     *
     * @param path an output path as the user gave it
     */
    public static boolean isStream(Path path) {
        try {
            return of(path).kind() != Kind.FILE;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What {@code path} is, or why it cannot be written. Nothing is created or written: only the path, its links and
     * its folder are examined.
     *
     * @param path an output path as the user gave it
     * @return how to write it, and where the bytes go
     * @throws UnwritableTargetException when Squall will not write it: standard error, a loop of symbolic links, a
     *     folder, a block device, a socket, a device or FIFO that is not writable, a folder that is missing or not
     *     writable
     * @throws IOException when its chain of symbolic links cannot be read
     */
    public static OutputTarget of(Path path) throws IOException {
        if (isStandardOutput(path)) {
            return new OutputTarget(Kind.STANDARD_OUTPUT, path);
        }
        if (STDERR.contains(path.toAbsolutePath().normalize().toString())) {
            throw new UnwritableTargetException(path, "names standard error, which carries Squall's messages"
                    + " (write to - for standard output, or to a file)");
        }
        Path resolved;
        try {
            resolved = FileKind.followLinks(path);
        } catch (FileKind.LinkLoopException e) {
            throw new UnwritableTargetException(path, "names a loop of symbolic links");
        }
        return switch (FileKind.ofResolved(resolved, false)) {
            case REGULAR, MISSING, DANGLING_LINK -> newFile(path, resolved);
            case CHARACTER_DEVICE, FIFO -> {
                if (!Files.isWritable(resolved)) {
                    throw new UnwritableTargetException(path, "names a device or FIFO that is not writable");
                }
                yield new OutputTarget(Kind.STREAM, resolved);
            }
            case FOLDER -> throw new UnwritableTargetException(path, "names a folder, not a file");
            case BLOCK_DEVICE -> throw new UnwritableTargetException(path, "names a block device (Squall does not"
                    + " write over disks)");
            case SOCKET -> throw new UnwritableTargetException(path, "names a socket, not a file");
            case LINK_LOOP, OTHER -> throw new UnwritableTargetException(path, "names nothing Squall can write");
        };
    }

    /** A regular file to replace, or a new one: its folder must exist and be writable. */
    private static OutputTarget newFile(Path path, Path resolved) throws IOException {
        Path folder = resolved.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UnwritableTargetException(path, "folder does not exist", folder);
        }
        if (!Files.isWritable(folder)) {
            throw new UnwritableTargetException(path, "folder is not writable", folder);
        }
        return new OutputTarget(Kind.FILE, resolved.toAbsolutePath());
    }
}
