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

    public static MandelbrotGrid of(MandelbrotParams params) {
        return new MandelbrotGrid(params);
    }

    public MandelbrotParams params() {
        return params;
    }

    /** Column coordinates in f64. */
    public double[] xs() {
        return xs.clone();
    }

    /** Row coordinates {@code [firstRow, firstRow + rows)} in f64. */
    public double[] ys(int firstRow, int rows) {
        return java.util.Arrays.copyOfRange(ys, firstRow, firstRow + rows);
    }

    /** Column coordinates rounded once to f32. */
    public float[] xsF32() {
        return toFloat(xs, 0, xs.length);
    }

    /** Row coordinates {@code [firstRow, firstRow + rows)} rounded once to f32. */
    public float[] ysF32(int firstRow, int rows) {
        return toFloat(ys, firstRow, rows);
    }

    public double x(int px) {
        return xs[px];
    }

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
