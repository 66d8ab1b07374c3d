package dev.squall.host.job;

/**
 * A job file that cannot be run as written: malformed JSON (with line and column), or a value that is missing,
 * unknown, of the wrong type or out of its range (with its path in the JSON, such as {@code frames[1].view}).
 * The message does not name the file; the command line puts it in front.
 */
public final class JobFileException extends Exception {
    public JobFileException(String message) {
        super(message);
    }
}
