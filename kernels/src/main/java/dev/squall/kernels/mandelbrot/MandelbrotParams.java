package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.Pixels;
import dev.squall.kernels.Precision;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One escape-time render: its size, view, iterations, precision and {@link Formula} (the Mandelbrot set unless said
 * otherwise). An invalid combination cannot be constructed, so nothing downstream re-checks it. As a
 * {@link dev.squall.kernels.Kernel}:
 * u32 counts, one pixel at a time (no halo), defined by {@link MandelbrotReference#pixel}.
 *
 * @param width the image's width in pixels, at least 1
 * @param height the image's height in pixels, at least 1
 * @param view the rectangle of the complex plane the image covers
 * @param maxIter the most steps a pixel's orbit runs, at least 1: the count of a pixel that never escapes
 * @param precision what the orbits are computed in
 * @param formula the map that is iterated
 */
public record MandelbrotParams(int width, int height, View view, int maxIter, Precision precision, Formula formula)
        implements EscapeTime {

    /**
     * A render of the Mandelbrot set itself.
     *
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in pixels, at least 1
     * @param view the rectangle of the complex plane the image covers
     * @param maxIter the most steps a pixel's orbit runs, at least 1
     * @param precision what the orbits are computed in
     */
    public MandelbrotParams(int width, int height, View view, int maxIter, Precision precision) {
        this(width, height, view, maxIter, precision, Formula.MANDELBROT);
    }

    /**
     * Checks every component.
     *
     * @throws InvalidParameterException when {@code width}, {@code height} or {@code maxIter} is below 1
     * @throws NullPointerException when {@code view}, {@code precision} or {@code formula} is null
     */
    public MandelbrotParams {
        EscapeTime.checkSize(width, height, maxIter);
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(formula, "formula");
    }

    /**
     * The same render of another formula.
     *
     * @param other the formula to iterate instead
     * @return these parameters with {@code other} for {@code formula}
     */
    public MandelbrotParams withFormula(Formula other) {
        return new MandelbrotParams(width, height, view, maxIter, precision, other);
    }

    /** {@return {@code width * height}, as a long: it may be more than an int holds} */
    @Override
    public long pixels() {
        return (long) width * height;
    }

    /** {@return the formula's name: {@code mandelbrot}, {@code julia}, {@code burning-ship} ...} */
    @Override
    public String name() {
        return formula.name();
    }

    /** {@return the view's rectangle: {@code view XMIN,XMAX,YMIN,YMAX}} */
    @Override
    public String viewLabel() {
        return "view " + view.xMin() + "," + view.xMax() + "," + view.yMin() + "," + view.yMax();
    }

    /**
     * Each pixel's count by {@link MandelbrotReference#pixel}.
     *
     * @param firstRow the band's first row
     * @param rows how many rows
     * @param out {@code rows * width * 4} bytes: u32 counts, little-endian
     */
    @Override
    public void reference(int firstRow, int rows, MemorySegment out) {
        for (int r = 0; r < rows; r++) {
            for (int px = 0; px < width; px++) {
                out.setAtIndex(Pixels.U32, (long) r * width + px, MandelbrotReference.pixel(this, px, firstRow + r));
            }
        }
    }
}
