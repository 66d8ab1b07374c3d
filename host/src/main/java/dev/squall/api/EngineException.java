package dev.squall.api;

/**
 * A request the engine cannot carry out as asked: no such device, a device that cannot run the kernel or
 * precision, a file it cannot write. The message says which and why; invalid parameters are the kernels'
 * {@link dev.squall.kernels.InvalidParameterException} instead, thrown when the parameter record is built.
 */
public final class EngineException extends RuntimeException {
    /**
     * A failure that {@code message} tells in full.
     *
     * @param message what went wrong, naming the value
     * @param cause what the engine's internals reported, if anything
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
