package dev.squall.kernels;

/**
 * A kernel parameter outside its domain. Carries the parameter's name (as the command line spells it), the
 * rejected value and what is allowed, so that the edge can say all three in one line.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;
    private final String value;
    private final String allowed;

    public InvalidParameterException(String parameter, Object value, String allowed) {
        super(parameter + " must be " + allowed + ", got " + value);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }
}
