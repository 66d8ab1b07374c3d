package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.Precision;

/**
 * The Java reference of the Mandelbrot kernel: the seed's definition, one pixel at a time, each operation
 * rounded separately (Java never fuses a multiply-add unless {@link Math#fma} is called).
 *
 * <p>f64 is the seed exactly. f32 is Squall's own: the pixel's f64 coordinate rounded once to float, then the same
 * loop in float arithmetic. Every backend is compared with these methods bit for bit.
 */
public final class MandelbrotReference {
    private MandelbrotReference() {
    }

    /** {@code min + (i / n) * (max - min)}, all in double, {@code i / n} a double division of the integers. */
    public static double coordinate(double min, double max, int i, int n) {
        return min + ((double) i / (double) n) * (max - min);
    }

    public static int iterate(double x0, double y0, int maxIter) {
        double x = 0.0;
        double y = 0.0;
        int n = 0;
        while (x * x + y * y <= 4.0 && n < maxIter) {
            double t = x * x - y * y + x0;
            y = 2.0 * x * y + y0;
            x = t;
            n++;
        }
        return n;
    }

    public static int iterate(float x0, float y0, int maxIter) {
        float x = 0.0f;
        float y = 0.0f;
        int n = 0;
        while (x * x + y * y <= 4.0f && n < maxIter) {
            float t = x * x - y * y + x0;
            y = 2.0f * x * y + y0;
            x = t;
            n++;
        }
        return n;
    }

    /** The count of pixel ({@code px}, {@code py}); row {@code py = 0} is {@code view.yMin()}. */
    public static int pixel(MandelbrotParams p, int px, int py) {
        View v = p.view();
        double x0 = coordinate(v.xMin(), v.xMax(), px, p.width());
        double y0 = coordinate(v.yMin(), v.yMax(), py, p.height());
        return p.precision() == Precision.F64
                ? iterate(x0, y0, p.maxIter())
                : iterate((float) x0, (float) y0, p.maxIter());
    }

    /** The whole image, row-major. Meant for tests and small images; the host verifies large ones row by row. */
    public static int[] render(MandelbrotParams p) {
        if (p.pixels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(p.width() + "x" + p.height() + " does not fit one Java array");
        }
        int[] counts = new int[(int) p.pixels()];
        for (int py = 0; py < p.height(); py++) {
            for (int px = 0; px < p.width(); px++) {
                counts[py * p.width() + px] = pixel(p, px, py);
            }
        }
        return counts;
    }
}
