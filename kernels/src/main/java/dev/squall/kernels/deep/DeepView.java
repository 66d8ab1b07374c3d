package dev.squall.kernels.deep;

import dev.squall.kernels.InvalidParameterException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A deep-zoom view (shared/reference/deep-zoom.md): the image's centre as two exact decimals and its zoom. Zoom 1
 * makes the image's vertical span 4; zoom {@code Z} makes it {@code 4 / Z}. Decimals of any length are kept exactly,
 * since beyond a zoom of about 1e13 no double holds a pixel's coordinate.
 *
 * @param re the centre's real part, exact
 * @param im the centre's imaginary part, exact
 * @param zoom the zoom, exact and positive
 */
public record DeepView(BigDecimal re, BigDecimal im, BigDecimal zoom) {
    /** What a centre coordinate must be, as {@link InvalidParameterException#allowed()} says it. */
    public static final String CENTER_ALLOWED = "a decimal number";
    /** What a zoom must be, as {@link InvalidParameterException#allowed()} says it. */
    public static final String ZOOM_ALLOWED = "a positive decimal number";

    /**
     * Checks that the zoom is positive.
     *
     * @throws InvalidParameterException when {@code zoom} is zero or negative
     * @throws NullPointerException when a component is null
     */
    public DeepView {
        Objects.requireNonNull(re, "re");
        Objects.requireNonNull(im, "im");
        Objects.requireNonNull(zoom, "zoom");
        if (zoom.signum() <= 0) {
            throw new InvalidParameterException("zoom", zoom.toString(), ZOOM_ALLOWED);
        }
    }

    /**
     * The view of three decimal strings, as the command line and job files give them.
     *
     * @param re the centre's real part: {@code -1.7598171308048478136}, spaces around it allowed
     * @param im the centre's imaginary part
     * @param zoom the zoom: {@code 1}, {@code 1e300}, {@code 4.00000000000E533}
     * @return the view, every digit kept
     * @throws InvalidParameterException when a centre coordinate is not a decimal number (parameter {@code center}),
     *     or the zoom is not a positive decimal number (parameter {@code zoom}, also for {@code Infinity} and
     *     {@code NaN}); the message quotes the text as given
     */
    public static DeepView parse(String re, String im, String zoom) {
        BigDecimal r = decimal("center", re, CENTER_ALLOWED);
        BigDecimal i = decimal("center", im, CENTER_ALLOWED);
        BigDecimal z = decimal("zoom", zoom, ZOOM_ALLOWED);
        if (z.signum() <= 0) {
            throw new InvalidParameterException("zoom", '"' + zoom + '"', ZOOM_ALLOWED);
        }
        return new DeepView(r, i, z);
    }

    private static BigDecimal decimal(String parameter, String text, String allowed) {
        if (text == null) {
            throw new InvalidParameterException(parameter, null, allowed);
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(parameter, '"' + text + '"', allowed);
        }
    }

    /**
     * {@return {@code log2(zoom)}, to about 15 digits: the exponent that sets the pixel step's scale}
     */
    public double log2Zoom() {
        return log2(zoom);
    }

    /** {@return how many decimal digits the centre has, the larger of its two parts' significant digits} */
    public int centerDigits() {
        return Math.max(significantDigits(re), significantDigits(im));
    }

    private static int significantDigits(BigDecimal d) {
        return d.signum() == 0 ? 1 : d.stripTrailingZeros().precision();
    }

    /**
     * {@code log2} of a positive decimal, as a double, to about 15 significant digits whatever its size.
     *
     * @param d a positive decimal
     * @return its base-2 logarithm
     */
    static double log2(BigDecimal d) {
        java.math.BigInteger u = d.unscaledValue();
        int shift = Math.max(0, u.bitLength() - 62);
        double top = u.shiftRight(shift).doubleValue();
        return Math.log(top) / Math.log(2) + shift - d.scale() * (Math.log(10) / Math.log(2));
    }

    @Override
    public String toString() {
        return re.toString() + "," + im.toString() + " zoom " + zoom;
    }
}
