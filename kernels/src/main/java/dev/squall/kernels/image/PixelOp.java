package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;

/**
 * The point operations on RGBA8 pixels: each maps one pixel to one pixel, alpha always copied. Their exact rounding
 * is part of their definition (see {@link PixelReference}), so that every backend can equal the reference byte for
 * byte. The OpenCL side is {@code image_ops.cl}; {@link #code()} is the number it knows each operation by.
 */
public enum PixelOp implements ImageOperation {
    /** The seed's: each of R, G, B becomes {@code trunc(min(c * F, 255))} in single precision; F finite, >= 0. */
    BRIGHTNESS(0, "F", "scale R, G, B by F (the seed's process_image): trunc(min(c * F, 255))"),
    /** Around mid-grey: {@code round((c - 128) * F + 128)}, ties to even, clamped; F finite, >= 0. */
    CONTRAST(1, "F", "stretch R, G, B around 128 by F: round((c - 128) * F + 128)"),
    /** {@code 255 * (c / 255)^(1/G)}, rounded; through a table computed in double precision on the host; G > 0. */
    GAMMA(2, "G", "gamma G > 0: round(255 * (c / 255)^(1/G)), via a host-computed table"),
    /** {@code 255 - c} for each of R, G, B; no argument. */
    INVERT(3, null, "255 - c for R, G, B"),
    /** Rec. 709 luma, {@code 0.2126 R + 0.7152 G + 0.0722 B} summed left to right in single precision, rounded. */
    GRAYSCALE(4, null, "Rec. 709 luma into R, G, B: round(0.2126 R + 0.7152 G + 0.0722 B)"),
    /** The classic sepia matrix, each output's sum in single precision left to right, rounded; no argument. */
    SEPIA(5, null, "the classic sepia matrix (0.393 0.769 0.189 / 0.349 0.686 0.168 / 0.272 0.534 0.131), rounded"),
    /** 255 where the Rec. 709 luma (as {@link #GRAYSCALE}, before rounding) is at least T, else 0; T in 0..255. */
    THRESHOLD(6, "T", "R, G, B = 255 where the Rec. 709 luma >= T (0..255), else 0");

    private final int code;
    private final String argName;
    private final String description;

    PixelOp(int code, String argName, String description) {
        this.code = code;
        this.argName = argName;
        this.description = description;
    }

    /** {@return the number {@code image_ops.cl} knows the operation by (its {@code OP_} defines), from 0 to 6} */
    public int code() {
        return code;
    }

    /** {@return true when each of R, G, B becomes a function of its own old value alone (no mixing of channels)} */
    public boolean perChannel() {
        return switch (this) {
            case BRIGHTNESS, CONTRAST, GAMMA, INVERT -> true;
            case GRAYSCALE, SEPIA, THRESHOLD -> false;
        };
    }

    @Override
    public String argName() {
        return argName;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * One point step, {@code NAME[=ARG]}, validated (see {@link ImageOps#parse}).
     *
     * @param text the step as users write it, such as {@code brightness=1.5}
     * @return the step
     * @throws InvalidParameterException as {@link ImageOps#parse} does, and for a neighbourhood operation
     */
    public static PixelStep parse(String text) {
        if (ImageOps.parse(text) instanceof PixelStep step) {
            return step;
        }
        throw new InvalidParameterException("op", '"' + text + '"', "a point operation");
    }
}
