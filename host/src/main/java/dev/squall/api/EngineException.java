package dev.squall.api;

/**
 * A request the engine cannot carry out as asked: no such device, a device that cannot run the kernel or
 * precision, a file it cannot write. The message says which and why; invalid parameters are the kernels'
 * {@link dev.squall.kernels.InvalidParameterException} instead, thrown when the parameter record is built.
 */
public final class EngineException extends RuntimeException {
    /** What kind of refusal or failure: whether the request itself is at fault, and how. */
    public enum Reason {
        /** A device named is not there or cannot run the request (a usage error). */
        UNAVAILABLE,
        /** An input is not valid (a job file, a size beyond what this process can hold): nothing was made. */
        INVALID,
        /**
         * An output folder holds another job's work, or another run is changing it: nothing was changed. See
         * {@link #forcible()}.
         */
        CONFLICT
    }

    /** What kind of refusal this is. */
    private final Reason reason;
    /** Whether running with force would replace what is in the way. */
    private final boolean forcible;

    /**
     * A device that cannot run the request, which {@code message} tells in full.
     *
     * @param message what went wrong, naming the value
     * @param cause what the engine's internals reported, if anything
     */
    public EngineException(String message, Throwable cause) {
        this(message, cause, Reason.UNAVAILABLE, false);
    }

    /**
     * A refusal of {@code reason}.
     *
     * @param message what went wrong, naming the value
     * @param cause what the engine's internals reported, if anything
     * @param reason what kind of refusal
     * @param forcible for {@link Reason#CONFLICT}: whether running with force would replace what is in the way
     */
    public EngineException(String message, Throwable cause, Reason reason, boolean forcible) {
        super(message, cause);
        this.reason = reason;
        this.forcible = forcible;
    }

    /** {@return what kind of refusal this is} */
    public Reason reason() {
        return reason;
    }

    /** {@return whether running the job with force would replace what is in the way (a conflict only)} */
    public boolean forcible() {
        return forcible;
    }
}
