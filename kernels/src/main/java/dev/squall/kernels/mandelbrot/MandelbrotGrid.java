package dev.squall.kernels.mandelbrot;

/**
 * The per-column and per-row starting points of a render, computed once on the host with
 * {@link MandelbrotReference#coordinate}. Devices read them instead of dividing themselves, so every device starts
 * from the reference's exact coordinates whatever the accuracy of its division (OpenCL's single-precision
 * {@code /} is not correctly rounded by default), and the kernels need only +, -, * (correctly rounded everywhere).
 * Costs {@code (width + height)} numbers.
 */
public final class MandelbrotGrid {
    private final MandelbrotParams params;
    private final double[] xs;
    private final double[] ys;

    private MandelbrotGrid(MandelbrotParams params) {
        this.params = params;
        View v = params.view();
        this.xs = new double[params.width()];
        for (int px = 0; px < xs.length; px++) {
            xs[px] = MandelbrotReference.coordinate(v.xMin(), v.xMax(), px, params.width());
        }
        this.ys = new double[params.height()];
        for (int py = 0; py < ys.length; py++) {
            ys[py] = MandelbrotReference.coordinate(v.yMin(), v.yMax(), py, params.height());
        }
    }

    /**
     * The grid of {@code params}, computed now.
     *
     * @param params the render
     * @return its {@code width} column and {@code height} row coordinates
     */
    public static MandelbrotGrid of(MandelbrotParams params) {
        return new MandelbrotGrid(params);
    }

    /** {@return the render these coordinates are of} */
    public MandelbrotParams params() {
        return params;
    }

    /** {@return the real coordinate of every column, {@code width} of them in f64, a copy the caller may change} */
    public double[] xs() {
        return xs.clone();
    }

    /**
     * Row coordinates {@code [firstRow, firstRow + rows)} in f64.
     *
     * @param firstRow the first row, from 0
     * @param rows how many rows; {@code firstRow + rows} at most {@code height}
     * @return the imaginary coordinate of each of those rows, a new array
     */
    public double[] ys(int firstRow, int rows) {
        return java.util.Arrays.copyOfRange(ys, firstRow, firstRow + rows);
    }

    /** {@return the real coordinate of every column, {@code width} of them, each f64 one rounded once to f32} */
    public float[] xsF32() {
        return toFloat(xs, 0, xs.length);
    }

    /**
     * Row coordinates {@code [firstRow, firstRow + rows)} rounded once to f32.
     *
     * @param firstRow the first row, from 0
     * @param rows how many rows; {@code firstRow + rows} at most {@code height}
     * @return the imaginary coordinate of each of those rows, a new array
     */
    public float[] ysF32(int firstRow, int rows) {
        return toFloat(ys, firstRow, rows);
    }

    /**
     * The real coordinate of one column.
     *
     * @param px the column, from 0 to {@code width - 1}
     * @return its coordinate in f64
     */
    public double x(int px) {
        return xs[px];
    }

    /**
     * The imaginary coordinate of one row.
     *
     * @param py the row, from 0 to {@code height - 1}; row 0 is the view's {@code yMin}
     * @return its coordinate in f64
     */
    public double y(int py) {
        return ys[py];
    }

    private static float[] toFloat(double[] a, int from, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) a[from + i];
        }
        return f;
    }
}
