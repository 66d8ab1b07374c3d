package dev.squall.cli;

/** A value the command line cannot accept, found after parsing (an output folder that does not exist, say). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
