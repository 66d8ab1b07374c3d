package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;

/**
 * One operation of a chain with its argument, valid by construction.
 *
 * @param op the operation
 * @param arg its argument: brightness's and contrast's F, gamma's G, threshold's T (a whole number); ignored by
 *     invert, grayscale and sepia (0 from {@link ImageOps#parse})
 */
public record PixelStep(PixelOp op, float arg) implements ImageStep {
    /**
     * Checks {@code arg} against {@code op}'s range.
     *
     * @throws InvalidParameterException when {@code arg} is out of range: brightness and contrast need a finite F of
     *     at least 0, gamma a finite G greater than 0, threshold an integer T from 0 to 255
     */
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
