package dev.squall.kernels.deep;

import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.Pixels;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * One deep-zoom render (shared/reference/deep-zoom.md): size, iterations and view. Pixel {@code (px, py)}, row 0 at
 * the top, is {@code c = (RE + (px - W/2) s, IM + (H/2 - py) s)} exactly, with the pixel step {@code s = 4 / (Z H)}.
 * An invalid combination cannot be constructed, so nothing downstream re-checks it. As a {@link Kernel}: u32
 * counts, one pixel at a time, defined by {@link DeepOracle} (arbitrary precision, doubling until two precisions
 * agree): the ground truth, slow; renders compute it with {@link DeepRender}, exactly.
 *
 * @param width the image's width in pixels, at least 1
 * @param height the image's height in pixels, at least 1
 * @param maxIter the most steps a pixel's orbit runs, at least 1: the count of a pixel that never escapes
 * @param view the centre and zoom
 * @param fast whether counts the error bound cannot prove are kept as the double loop gives them ({@code --deep
 *     fast}: no second tier, no oracle; the counts may then differ from the exact ones, which {@code --verify}
 *     measures), instead of being recomputed until proven (the default, exact)
 */
public record DeepParams(int width, int height, int maxIter, DeepView view, boolean fast) implements EscapeTime {
    /** The bits beyond {@code log2(Z H)} that the first precision carries (deep-zoom.md). */
    public static final int GUARD_BITS = 64;

    /**
     * Checks every component.
     *
     * @throws InvalidParameterException when {@code width}, {@code height} or {@code maxIter} is below 1
     * @throws NullPointerException when {@code view} is null
     */
    public DeepParams {
        EscapeTime.checkSize(width, height, maxIter);
        Objects.requireNonNull(view, "view");
    }

    /**
     * An exact deep-zoom render: every count proven.
     *
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in pixels, at least 1
     * @param maxIter the most steps a pixel's orbit runs, at least 1
     * @param view the centre and zoom
     */
    public DeepParams(int width, int height, int maxIter, DeepView view) {
        this(width, height, maxIter, view, false);
    }

    /**
     * {@return these parameters in the fast mode or the exact one}
     *
     * @param on whether to keep unproven counts
     */
    public DeepParams withFast(boolean on) {
        return new DeepParams(width, height, maxIter, view, on);
    }

    /** {@return {@code deep zoom}, or {@code deep zoom (fast)}} */
    @Override
    public String name() {
        return fast ? "deep zoom (fast)" : "deep zoom";
    }

    /** {@return {@code center RE,IM zoom Z}, every digit given} */
    @Override
    public String viewLabel() {
        return "center " + view.re().toString() + "," + view.im().toString() + " zoom " + view.zoom().toString();
    }

    /**
     * The ground truth of the band by {@link DeepOracle}, on one thread per row piece.
     *
     * @param firstRow the band's first row
     * @param rows how many rows
     * @param out {@code rows * width * 4} bytes: u32 counts, little-endian
     */
    @Override
    public void reference(int firstRow, int rows, MemorySegment out) {
        int[] counts = new DeepOracle(this).render(firstRow, rows, 1);
        for (int i = 0; i < counts.length; i++) {
            out.setAtIndex(Pixels.U32, i, counts[i]);
        }
    }

    /** {@return the oracle's count of pixel ({@code px}, {@code py})} */
    @Override
    public long referencePixel(int px, int py) {
        return new DeepOracle(this).count(px, py);
    }

    /**
     * {@return {@value #VERIFY_ALL_UP_TO}: every pixel of outputs up to 64 x 64 is recomputed in arbitrary precision
     * when verified (seconds to minutes at depth), a sample beyond}
     */
    @Override
    public long verifyEveryPixelUpTo() {
        return VERIFY_ALL_UP_TO;
    }

    /** Pixels verified one by one at most; larger renders are verified on the first tile and a sample. */
    public static final long VERIFY_ALL_UP_TO = 64 * 64;

    /** {@return {@code width * height}, as a long: it may be more than an int holds} */
    @Override
    public long pixels() {
        return (long) width * height;
    }

    /**
     * The first precision of deep-zoom.md's procedure: enough fractional bits for the centre's digits and
     * {@code log2(Z H) + 64}, whichever is more. For the two reference locations this is 196 and 582 bits.
     *
     * @return fractional bits, at least {@value #GUARD_BITS}
     */
    public int precisionBits() {
        int digits = (int) Math.ceil(view.centerDigits() * (Math.log(10) / Math.log(2)) - 1e-9);
        double scale = view.log2Zoom() + Math.log(height) / Math.log(2) + GUARD_BITS;
        int step = (int) Math.ceil(scale - 1e-9);
        return Math.max(GUARD_BITS, Math.max(digits, step));
    }

    /**
     * {@return {@code log2} of the pixel step {@code 4 / (Z H)}, to about 15 digits}
     */
    public double log2PixelStep() {
        return 2 - view.log2Zoom() - Math.log(height) / Math.log(2);
    }
}
