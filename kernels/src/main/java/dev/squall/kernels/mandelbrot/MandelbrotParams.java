package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import java.util.Objects;

/**
 * One escape-time render: its size, view, iterations, precision and {@link Formula} (the Mandelbrot set unless said
 * otherwise). An invalid combination cannot be constructed, so nothing downstream re-checks it.
 */
public record MandelbrotParams(int width, int height, View view, int maxIter, Precision precision, Formula formula) {

    /** A render of the Mandelbrot set itself. */
    public MandelbrotParams(int width, int height, View view, int maxIter, Precision precision) {
        this(width, height, view, maxIter, precision, Formula.MANDELBROT);
    }

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
        Objects.requireNonNull(formula, "formula");
    }

    /** The same render of another formula. */
    public MandelbrotParams withFormula(Formula other) {
        return new MandelbrotParams(width, height, view, maxIter, precision, other);
    }

    public long pixels() {
        return (long) width * height;
    }
}
