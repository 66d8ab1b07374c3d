package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;

/** One operation of a chain with its argument, valid by construction. */
public record PixelStep(PixelOp op, float arg) implements ImageStep {
    public PixelStep {
        switch (op) {
            case BRIGHTNESS, CONTRAST -> {
                if (!Float.isFinite(arg) || arg < 0) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            op.label() + "=F with F a finite number >= 0");
                }
            }
            case GAMMA -> {
                if (!Float.isFinite(arg) || arg <= 0) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            "gamma=G with G a finite number > 0");
                }
            }
            case THRESHOLD -> {
                if (!(arg >= 0 && arg <= 255) || arg != Math.rint(arg)) {
                    throw new InvalidParameterException("op", '"' + op.label() + "=" + arg + '"',
                            "threshold=T with T an integer from 0 to 255");
                }
            }
            default -> {
            }
        }
    }

    @Override
    public String toString() {
        return op.takesArgument() ? op.label() + "=" + arg : op.label();
    }
}
