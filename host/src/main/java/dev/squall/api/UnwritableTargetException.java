package dev.squall.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output path Squall will not write, found before any work: a folder, a block device, a socket, standard error,
 * a loop of symbolic links, a folder that does not exist or cannot be written. The message says what it is and
 * quotes the path, as {@code names a folder, not a file: "out"}: a command line puts the option's name before it.
 */
public final class UnwritableTargetException extends IOException {
    private final Path path;

    /** {@code what} says what the path (or its folder, {@code shown}) is: {@code names a folder, not a file}. */
    public UnwritableTargetException(Path path, String what, Path shown) {
        super(what + ": \"" + shown + "\"");
        this.path = path;
    }

    public UnwritableTargetException(Path path, String what) {
        this(path, what, path);
    }

    public Path path() {
        return path;
    }
}
