package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;

/**
 * The rectangle of the complex plane a render covers. Row 0 of every image maps to {@code yMin} (the seed's
 * convention); passing the top edge as {@code yMin} (so {@code yMin > yMax}) gives a north-up image.
 * Either axis may run backwards; neither may have zero or infinite extent.
 */
public record View(double xMin, double xMax, double yMin, double yMax) {
    public static final String ALLOWED = "4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent";

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

    /** Parses {@code "XMIN,XMAX,YMIN,YMAX"}. */
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
