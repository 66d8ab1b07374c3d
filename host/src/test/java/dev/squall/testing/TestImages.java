package dev.squall.testing;

/** Synthetic RGBA8 images for tests: every byte a function of its index, so no two rows are alike. */
public final class TestImages {
    private TestImages() {
    }

    /** {@code width x height} RGBA bytes, byte {@code i} being {@code i * multiplier + i / divisor}. */
    public static byte[] rgba(int width, int height, int multiplier, int divisor) {
        byte[] rgba = new byte[width * height * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i * multiplier + i / divisor);
        }
        return rgba;
    }
}
