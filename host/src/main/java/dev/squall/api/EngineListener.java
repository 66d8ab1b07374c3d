package dev.squall.api;

/**
 * What the engine has to say while it works, for the embedding program to show, log or ignore: the device it chose
 * and why, a device that failed and what took over, and how far a render is. The engine itself never prints.
 */
@FunctionalInterface
public interface EngineListener {
    /** A listener that ignores everything. */
    EngineListener NONE = message -> { };

    /**
     * One line of what happened, such as {@code tile 2 of 5 (rows 300-449) failed on opencl:0:0 (...); redone on
     * cpu}. Called from the engine's threads, possibly several at once.
     *
     * @param message the line, without a trailing newline
     */
    void notice(String message);

    /**
     * How far a render into files and streams ({@link Engine#renderTo}) is: called as each tile has gone to every
     * output, in image order, from the engine's threads. Ignored unless overridden.
     *
     * @param rowsDone rows written so far
     * @param rows the image's rows
     */
    default void progress(long rowsDone, long rows) {
    }
}
