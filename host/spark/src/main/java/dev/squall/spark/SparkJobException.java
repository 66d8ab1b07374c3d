package dev.squall.spark;

/** Spark gave up on a job (a task failed on every attempt it was allowed); the message is Spark's first line. */
public final class SparkJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SparkJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
