package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;

/** A neighbourhood operation with its argument, valid by construction. */
public record NeighbourhoodStep(NeighbourhoodOp op, float arg) implements ImageStep {
    public NeighbourhoodStep {
        switch (op) {
            case BLUR -> {
                if (!(arg > 0 && arg <= 100)) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            "blur=SIGMA with SIGMA a number > 0 and <= 100");
                }
            }
            case BOX_BLUR -> {
                if (!(arg >= 1 && arg <= 1000) || arg != Math.rint(arg)) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            "box-blur=R with R an integer from 1 to 1000");
                }
            }
            case SHARPEN -> {
                if (!Float.isFinite(arg) || arg < 0) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            "sharpen=AMOUNT with AMOUNT a finite number >= 0");
                }
            }
            case SOBEL -> {
            }
        }
    }

    /** The Gaussian's half-width for blur: {@code ceil(3 sigma)}, at least 1. */
    public int radius() {
        return switch (op) {
            case BLUR -> Math.max(1, (int) Math.ceil(3.0 * arg));
            case SHARPEN -> 3;
            case BOX_BLUR -> (int) arg;
            case SOBEL -> 1;
        };
    }

    @Override
    public String toString() {
        return op.takesArgument() ? op.label() + "=" + arg : op.label();
    }
}
