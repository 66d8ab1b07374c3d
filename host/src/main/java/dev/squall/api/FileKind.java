package dev.squall.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a path is, its symbolic links followed to the end: what inputs and outputs are checked against, and what
 * their messages call it ("is a FIFO", "is a loop of symbolic links").
 */
public enum FileKind {
    /** A regular file. */
    REGULAR("a regular file"),
    /** Nothing at the path (nor at the end of its links). */
    MISSING("not there"),
    /** A symbolic link whose chain ends at nothing. */
    DANGLING_LINK("a symbolic link to nothing"),
    /** Symbolic links that lead back to themselves (or a chain longer than Linux follows). */
    LINK_LOOP("a loop of symbolic links"),
    /** A folder. */
    FOLDER("a folder"),
    /** A named pipe: written as a stream. */
    FIFO("a FIFO"),
    /** A character device ({@code /dev/null}, a terminal): written as a stream. */
    CHARACTER_DEVICE("a character device"),
    /** A block device (a disk): never written. */
    BLOCK_DEVICE("a block device"),
    /** A Unix socket: never written. */
    SOCKET("a socket"),
    /** Anything else the file system holds. */
    OTHER("neither a file nor a folder");

    /** How long a chain of symbolic links may be before it is called a loop (Linux's own limit). */
    private static final int MAX_LINKS = 40;

    // The file type bits of st_mode (sys/stat.h), as the "unix:mode" attribute gives them.
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFSOCK = 0140000;

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    /** {@return {@code a FIFO}, {@code a folder}: what messages call it} */
    public String label() {
        return label;
    }

    /**
     * What {@code path} is, after its links.
     *
     * @param path any path
     * @return its kind; {@link #MISSING} also when it cannot be looked at
     */
    public static FileKind of(Path path) {
        Path resolved;
        try {
            resolved = followLinks(path);
        } catch (LinkLoopException e) {
            return LINK_LOOP;
        } catch (IOException e) {
            return MISSING;
        }
        return ofResolved(resolved, !resolved.equals(path.toAbsolutePath()));
    }

    static FileKind ofResolved(Path resolved, boolean throughLink) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(resolved, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
        } catch (NoSuchFileException e) {
            return throughLink ? DANGLING_LINK : MISSING;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // not a POSIX file system: only files and folders to tell apart
            return Files.isDirectory(resolved) ? FOLDER : Files.exists(resolved) ? REGULAR
                    : throughLink ? DANGLING_LINK : MISSING;
        }
        return switch (mode) {
            case S_IFREG -> REGULAR;
            case S_IFDIR -> FOLDER;
            case S_IFIFO -> FIFO;
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            case S_IFSOCK -> SOCKET;
            default -> OTHER;
        };
    }

    /** The path at the end of {@code path}'s chain of symbolic links (itself, absolute, when it is none). */
    static Path followLinks(Path path) throws IOException {
        Path current = path.toAbsolutePath();
        for (int i = 0; i <= MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(current)) {
                return current;
            }
            current = current.getParent().resolve(Files.readSymbolicLink(current));
        }
        throw new LinkLoopException();
    }

    static final class LinkLoopException extends IOException {
        LinkLoopException() {
            super("a loop of symbolic links");
        }
    }
}
