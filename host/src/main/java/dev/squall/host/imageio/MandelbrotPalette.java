package dev.squall.host.imageio;

/**
 * Colours for escape counts: a smooth gradient (deep blue, white, gold, dark brown, back to blue) indexed by
 * {@code log(1 + n)}, so that the many low counts far from the set and the few high ones near it both get detail;
 * points that never escape ({@code n == maxIter}) are black.
 */
public final class MandelbrotPalette {
    private static final int[] STOPS = {0x000764, 0x206BCB, 0xEDFFFF, 0xFFAA00, 0x300200, 0x000764};
    /** Times the gradient repeats between n = 0 and n = maxIter. */
    private static final double CYCLES = 3.0;
    /** Above this many distinct counts, colours are computed per pixel instead of through a table. */
    private static final int MAX_TABLE = 1 << 20;

    private final int maxIter;
    private final double scale;
    private final int[] table;

    public MandelbrotPalette(int maxIter) {
        this.maxIter = maxIter;
        this.scale = CYCLES / Math.log1p(maxIter);
        if (maxIter < MAX_TABLE) {
            table = new int[maxIter + 1];
            for (int n = 0; n <= maxIter; n++) {
                table[n] = compute(n);
            }
        } else {
            table = null;
        }
    }

    /** The colour of count {@code n} as 0xRRGGBB. */
    public int rgb(long n) {
        if (n >= maxIter) {
            return 0;
        }
        return table != null ? table[(int) n] : compute(n);
    }

    private int compute(long n) {
        if (n >= maxIter) {
            return 0;
        }
        double t = Math.log1p(n) * scale;
        t -= Math.floor(t);
        double position = t * (STOPS.length - 1);
        int i = (int) position;
        double f = position - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        return mix(a >> 16, b >> 16, f) << 16 | mix(a >> 8, b >> 8, f) << 8 | mix(a, b, f);
    }

    private static int mix(int a, int b, double f) {
        a &= 0xFF;
        b &= 0xFF;
        return (int) Math.round(a + (b - a) * f);
    }
}
