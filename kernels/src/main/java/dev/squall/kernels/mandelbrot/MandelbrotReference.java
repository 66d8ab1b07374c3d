package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.Precision;

/**
 * The Java reference of the escape-time kernels: the seed's Mandelbrot definition and the {@link Formula}s of
 * shared/reference/formulas.md, one pixel at a time, each operation rounded separately (Java never fuses a
 * multiply-add unless {@link Math#fma} is called).
 *
 * <p>f64 is the seed exactly. f32 is Squall's own: the pixel's f64 coordinate rounded once to float, then the same
 * loop in float arithmetic. Every backend is compared with these methods bit for bit.
 */
public final class MandelbrotReference {
    private MandelbrotReference() {
    }

    /**
     * {@code min + (i / n) * (max - min)}, all in double, {@code i / n} a double division of the integers.
     *
     * @param min the view's edge at pixel 0 ({@code xMin} or {@code yMin})
     * @param max the view's other edge ({@code xMax} or {@code yMax}), where pixel {@code n} would be
     * @param i the column or row, from 0 to {@code n - 1}
     * @param n the width or height in pixels, at least 1
     * @return the pixel's coordinate
     */
    public static double coordinate(double min, double max, int i, int n) {
        return min + ((double) i / (double) n) * (max - min);
    }

    /**
     * The seed's loop in f64: {@code z -> z^2 + c} from {@code z = 0}, {@code c = (x0, y0)}, until
     * {@code x*x + y*y > 4} or {@code maxIter} steps.
     *
     * @param x0 the pixel's real coordinate
     * @param y0 the pixel's imaginary coordinate
     * @param maxIter the most steps, at least 1
     * @return the steps run, from 1 to {@code maxIter}; {@code maxIter} when the orbit has not escaped
     */
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

    /**
     * As {@link #iterate(double, double, int)}, every operation in f32.
     *
     * @param x0 the pixel's real coordinate, rounded once from f64
     * @param y0 the pixel's imaginary coordinate, rounded once from f64
     * @param maxIter the most steps, at least 1
     * @return the steps run, from 1 to {@code maxIter}; {@code maxIter} when the orbit has not escaped
     */
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

    /**
     * The count of {@code formula} at the pixel whose coordinates are {@code (x0, y0)}: shared/reference/formulas.md's
     * loop, each operation rounded on its own in the order written. (The Mandelbrot set has its own methods above,
     * the seed's loop as it is.)
     *
     * @param formula the map
     * @param x0 the pixel's real coordinate
     * @param y0 the pixel's imaginary coordinate
     * @param maxIter the most steps, at least 1
     * @return the steps run, from 0 to {@code maxIter} (0 only for julia, at a pixel already outside radius 2)
     */
    public static int iterate(Formula formula, double x0, double y0, int maxIter) {
        if (formula instanceof Formula.Mandelbrot) {
            return iterate(x0, y0, maxIter);
        }
        boolean julia = formula instanceof Formula.Julia;
        double ax = julia ? ((Formula.Julia) formula).cr() : x0;
        double ay = julia ? ((Formula.Julia) formula).ci() : y0;
        double x = julia ? x0 : 0.0;
        double y = julia ? y0 : 0.0;
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int n = 0;
        while (x * x + y * y <= 4.0 && n < maxIter) {
            switch (formula) {
                case Formula.Julia j -> {
                    double t = x * x - y * y + ax;
                    y = 2.0 * x * y + ay;
                    x = t;
                }
                case Formula.BurningShip b -> {
                    double t = x * x - y * y + ax;
                    y = 2.0 * Math.abs(x) * Math.abs(y) + ay;
                    x = t;
                }
                case Formula.Tricorn t3 -> {
                    double t = x * x - y * y + ax;
                    y = -2.0 * x * y + ay;
                    x = t;
                }
                case Formula.Multibrot m -> {
                    double pr = x;
                    double pi = y;
                    for (int k = 1; k < power; k++) {
                        double r = pr * x - pi * y;
                        pi = pr * y + pi * x;
                        pr = r;
                    }
                    x = pr + ax;
                    y = pi + ay;
                }
                case Formula.Mandelbrot mb -> throw new AssertionError("handled above");
            }
            n++;
        }
        return n;
    }

    /**
     * As {@link #iterate(Formula, double, double, int)} in float: coordinates and constant rounded once to float.
     *
     * @param formula the map; julia's constant is rounded to float here
     * @param x0 the pixel's real coordinate, rounded once from f64
     * @param y0 the pixel's imaginary coordinate, rounded once from f64
     * @param maxIter the most steps, at least 1
     * @return the steps run, from 0 to {@code maxIter}
     */
    public static int iterate(Formula formula, float x0, float y0, int maxIter) {
        if (formula instanceof Formula.Mandelbrot) {
            return iterate(x0, y0, maxIter);
        }
        boolean julia = formula instanceof Formula.Julia;
        float ax = julia ? (float) ((Formula.Julia) formula).cr() : x0;
        float ay = julia ? (float) ((Formula.Julia) formula).ci() : y0;
        float x = julia ? x0 : 0.0f;
        float y = julia ? y0 : 0.0f;
        int power = formula instanceof Formula.Multibrot m ? m.power() : 2;
        int n = 0;
        while (x * x + y * y <= 4.0f && n < maxIter) {
            switch (formula) {
                case Formula.Julia j -> {
                    float t = x * x - y * y + ax;
                    y = 2.0f * x * y + ay;
                    x = t;
                }
                case Formula.BurningShip b -> {
                    float t = x * x - y * y + ax;
                    y = 2.0f * Math.abs(x) * Math.abs(y) + ay;
                    x = t;
                }
                case Formula.Tricorn t3 -> {
                    float t = x * x - y * y + ax;
                    y = -2.0f * x * y + ay;
                    x = t;
                }
                case Formula.Multibrot m -> {
                    float pr = x;
                    float pi = y;
                    for (int k = 1; k < power; k++) {
                        float r = pr * x - pi * y;
                        pi = pr * y + pi * x;
                        pr = r;
                    }
                    x = pr + ax;
                    y = pi + ay;
                }
                case Formula.Mandelbrot mb -> throw new AssertionError("handled above");
            }
            n++;
        }
        return n;
    }

    /**
     * The count of pixel ({@code px}, {@code py}); row {@code py = 0} is {@code view.yMin()}.
     *
     * @param p the render
     * @param px the column, from 0 to {@code width - 1}
     * @param py the row, from 0 to {@code height - 1}
     * @return the count in {@code p}'s precision and formula, from 0 to {@code maxIter}
     */
    public static int pixel(MandelbrotParams p, int px, int py) {
        View v = p.view();
        double x0 = coordinate(v.xMin(), v.xMax(), px, p.width());
        double y0 = coordinate(v.yMin(), v.yMax(), py, p.height());
        return p.precision() == Precision.F64
                ? iterate(p.formula(), x0, y0, p.maxIter())
                : iterate(p.formula(), (float) x0, (float) y0, p.maxIter());
    }

    /**
     * The whole image, row-major. Meant for tests and small images; the host verifies large ones row by row.
     *
     * @param p the render
     * @return {@code width * height} counts, row {@code 0} ({@code yMin}) first
     * @throws IllegalArgumentException when the image has more pixels than one Java array holds
     */
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
