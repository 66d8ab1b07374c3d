package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;

/**
 * A neighbourhood operation with its argument, valid by construction.
 *
 * @param op the operation
 * @param arg its argument: blur's SIGMA, box-blur's R (a whole number), sharpen's AMOUNT; ignored by sobel (0 from
 *     {@link ImageOps#parse})
 */
public record NeighbourhoodStep(NeighbourhoodOp op, float arg) implements ImageStep {
    /**
     * Checks {@code arg} against {@code op}'s range.
     *
     * @throws InvalidParameterException when {@code arg} is out of range: blur needs {@code 0 < SIGMA <= 100},
     *     box-blur an integer R from 1 to 1000, sharpen a finite AMOUNT of at least 0
     */
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

    /**
     * {@return how many pixels the operation reaches on each side: {@code ceil(3 SIGMA)} (at least 1) for blur, 3 for
     * sharpen (its sigma is 1), R for box-blur, 1 for sobel}
     */
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
