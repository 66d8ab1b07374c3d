package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;

/**
 * The rectangle of the complex plane a render covers. Row 0 of every image maps to {@code yMin} (the seed's
 * convention); passing the top edge as {@code yMin} (so {@code yMin > yMax}) gives a north-up image.
 * Either axis may run backwards; neither may have zero or infinite extent.
 *
 * @param xMin the real coordinate of column 0
 * @param xMax the real coordinate one pixel past the last column (the image's far edge)
 * @param yMin the imaginary coordinate of row 0
 * @param yMax the imaginary coordinate one pixel past the last row
 */
public record View(double xMin, double xMax, double yMin, double yMax) {
    /** What a view must be, as {@link InvalidParameterException#allowed()} says it. */
    public static final String ALLOWED = "4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent";

    /**
     * Checks the bounds.
     *
     * @throws InvalidParameterException when a bound is infinite or NaN, or an axis has zero or infinite extent
     */
    public View {
        double[] all = {xMin, xMax, yMin, yMax};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw invalid(format(all));
            }
        }
        if (!(Double.isFinite(xMax - xMin) && Double.isFinite(yMax - yMin)) || xMax == xMin || yMax == yMin) {
            throw invalid(format(all));
        }
    }

    /**
     * Parses {@code "XMIN,XMAX,YMIN,YMAX"}.
     *
     * @param text four numbers separated by commas, spaces around each allowed: {@code -2.5,1,-1,1}
     * @return the view
     * @throws InvalidParameterException unless {@code text} is four numbers making a valid view; the message quotes it
     */
    public static View parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw invalid(text);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        try {
            return new View(v[0], v[1], v[2], v[3]);
        } catch (InvalidParameterException e) {
            throw invalid(text);
        }
    }

    private static InvalidParameterException invalid(String text) {
        return new InvalidParameterException("view", '"' + text + '"', ALLOWED);
    }

    private static String format(double[] v) {
        return v[0] + "," + v[1] + "," + v[2] + "," + v[3];
    }

    @Override
    public String toString() {
        return xMin + "," + xMax + "," + yMin + "," + yMax;
    }
}
