package dev.squall.kernels;

/**
 * A kernel parameter outside its domain. Carries the parameter's name (as the command line spells it), the
 * rejected value and what is allowed, so that the edge can say all three in one line.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    /** The parameter's name, as the command line spells it. */
    private final String parameter;
    /** The rejected value, as {@link String#valueOf(Object)} gave it. */
    private final String value;
    /** What the parameter must be. */
    private final String allowed;

    /**
     * An exception whose message reads {@code PARAMETER must be ALLOWED, got VALUE}.
     *
     * @param parameter the parameter's name as the command line spells it: {@code width}, {@code max-iter}, {@code op}
     * @param value the rejected value, shown as {@link String#valueOf(Object)} gives it (quotes are the caller's)
     * @param allowed what is allowed, worded to follow "must be": {@code a positive integer}, {@code at least 1}
     */
    public InvalidParameterException(String parameter, Object value, String allowed) {
        super(parameter + " must be " + allowed + ", got " + value);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /** {@return the parameter's name, as the command line spells it} */
    public String parameter() {
        return parameter;
    }

    /** {@return the rejected value as the message shows it} */
    public String value() {
        return value;
    }

    /** {@return what the parameter must be, the words after "must be" in the message} */
    public String allowed() {
        return allowed;
    }
}
