package dev.squall.host.job;

import java.io.IOException;

/**
 * A job that cannot run on its output folder as things are: the folder holds frames of another job, or another run
 * of another job is writing it. Found before any frame is rendered; nothing in the folder is changed.
 */
public final class JobConflictException extends IOException {
    public JobConflictException(String message) {
        super(message);
    }
}
