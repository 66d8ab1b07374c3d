package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import java.util.Objects;

/** One Mandelbrot render: an invalid combination cannot be constructed, so nothing downstream re-checks it. */
public record MandelbrotParams(int width, int height, View view, int maxIter, Precision precision) {

    public MandelbrotParams {
        if (width < 1) {
            throw new InvalidParameterException("width", width, "a positive integer");
        }
        if (height < 1) {
            throw new InvalidParameterException("height", height, "a positive integer");
        }
        if (maxIter < 1) {
            throw new InvalidParameterException("max-iter", maxIter, "at least 1");
        }
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(precision, "precision");
    }

    public long pixels() {
        return (long) width * height;
    }
}
