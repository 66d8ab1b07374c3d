package dev.squall.host.job;

import java.io.IOException;

/**
 * A job that cannot run on its output folder as things are: the folder holds frames of another job, or another run
 * of another job is writing it. Found before any frame is rendered; nothing in the folder is changed.
 */
public final class JobConflictException extends IOException {
    private final boolean forcible;

    public JobConflictException(String message) {
        this(message, false);
    }

    /**
     * {@code forcible}: running with force (every frame redone) would resolve it, which the caller says in its
     * own words (the command line: {@code --force}).
     */
    public JobConflictException(String message, boolean forcible) {
        super(message);
        this.forcible = forcible;
    }

    /** {@return whether running the job with force would replace what is in the way} */
    public boolean forcible() {
        return forcible;
    }
}
