package dev.squall.kernels.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    private static byte[] flat(int w, int h, int r, int g, int b, int a) {
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < rgba.length; i += 4) {
            rgba[i] = (byte) r;
            rgba[i + 1] = (byte) g;
            rgba[i + 2] = (byte) b;
            rgba[i + 3] = (byte) a;
        }
        return rgba;
    }

    private static byte[] apply(String op, int w, int h, byte[] rgba) {
        return ImageReference.apply(List.of(ImageOps.parse(op)), w, h, rgba);
    }

    @Test
    void averagingOperationsLeaveAFlatImageFlatAndSobelFindsNoEdge() {
        byte[] flat = flat(9, 7, 200, 13, 77, 5);
        assertArrayEquals(flat, apply("box-blur=3", 9, 7, flat));
        assertArrayEquals(flat, apply("sharpen=2", 9, 7, flat));
        assertArrayEquals(flat(9, 7, 0, 0, 0, 5), apply("sobel", 9, 7, flat));
        // The normalised float weights need not sum to exactly 1: a flat 200 may blur to 199 or 200, never further.
        byte[] blurred = apply("blur=2", 9, 7, flat);
        for (int i = 0; i < blurred.length; i += 4) {
            assertEquals(200, blurred[i] & 0xFF, 1);
            assertEquals(5, blurred[i + 3], "alpha copied");
        }
    }

    @Test
    void boxBlurIsTheRoundedMeanWithClampedBorders() {
        // One row: 0 0 90 0 0, radius 1 on a 5 x 1 image: vertical neighbours clamp to the row itself (3 copies).
        byte[] row = flat(5, 1, 0, 0, 0, 255);
        row[8] = (byte) 90;
        byte[] out = apply("box-blur=1", 5, 1, row);
        // (x=1) sum over 3x3 = 3 * 90 = 270, n = 9: (270 + 4) / 9 = 30
        assertEquals(30, out[4] & 0xFF);
        assertEquals(30, out[8] & 0xFF);
        assertEquals(0, out[0] & 0xFF);
    }

    @Test
    void sobelOfAVerticalStepIsItsScaledHeight() {
        // Left half 0, right half 100 (grey): at the step Gx = 4 * 100, Gy = 0 -> 400, saturated to 255;
        // with a step of 50 -> 200.
        byte[] img = flat(4, 3, 0, 0, 0, 255);
        for (int y = 0; y < 3; y++) {
            for (int x = 2; x < 4; x++) {
                Arrays.fill(img, 4 * (y * 4 + x), 4 * (y * 4 + x) + 3, (byte) 50);
            }
        }
        byte[] out = apply("sobel", 4, 3, img);
        assertEquals(200, out[4 * (1 * 4 + 1)] & 0xFF);
        assertEquals(200, out[4 * (1 * 4 + 2)] & 0xFF);
        assertEquals(0, out[4 * (1 * 4 + 0)] & 0xFF);
    }

    @Test
    void roundSqrtIsTheNearestIntegerForEveryPossibleSobelSum() {
        for (int n = 0; n <= 2 * 1020 * 1020; n++) {
            int r = ImageReference.roundSqrt(n);
            // nearest: (r - 1/2)^2 <= n < (r + 1/2)^2, i.e. 4n in [(2r - 1)^2, (2r + 1)^2)
            long four = 4L * n;
            if (!((r == 0 || (long) (2 * r - 1) * (2 * r - 1) <= four) && four < (long) (2 * r + 1) * (2 * r + 1))) {
                throw new AssertionError("roundSqrt(" + n + ") = " + r);
            }
        }
    }

    @Test
    void gaussianWeightsAreSymmetricAndSpanThreeSigma() {
        float[] w = ImageReference.gaussianWeights(1.5f);
        assertEquals(2 * 5 + 1, w.length, "radius ceil(4.5) = 5");
        for (int k = 0; k < w.length; k++) {
            assertEquals(w[k], w[w.length - 1 - k]);
        }
        assertEquals(3, ImageReference.gaussianWeights(0.1f).length, "radius at least 1");
    }
}
