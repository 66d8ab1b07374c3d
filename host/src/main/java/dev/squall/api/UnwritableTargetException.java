package dev.squall.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output path Squall will not write, found before any work: a folder, a block device, a socket, standard error,
 * a loop of symbolic links, a folder that does not exist or cannot be written. The message says what it is and
 * quotes the path, as {@code names a folder, not a file: "out"}: a command line puts the option's name before it.
 */
public final class UnwritableTargetException extends IOException {
    /** The output path refused. */
    private final transient Path path;

    /**
     * A refusal of {@code path}.
     *
     * @param path the output path refused
     * @param what what the path (or its folder) is: {@code names a folder, not a file}
     * @param shown the path the message quotes: {@code path} itself or its folder
     */
    public UnwritableTargetException(Path path, String what, Path shown) {
        super(what + ": \"" + shown + "\"");
        this.path = path;
    }

    /**
     * A refusal of {@code path}, quoting it.
     *
     * @param path the output path refused
     * @param what what it is: {@code names a folder, not a file}
     */
    public UnwritableTargetException(Path path, String what) {
        this(path, what, path);
    }

    /** {@return the output path refused} */
    public Path path() {
        return path;
    }
}
