package dev.squall.host.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.host.Backend;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.testing.ForwardingBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bands of an image with their halos give the whole image's result, byte for byte, whatever the band height. */
class ImageTilesTest {
    @ParameterizedTest(name = "bands of {0} pixels")
    @ValueSource(ints = {1, 61, 61 * 7, 61 * 40, 61 * 1000})
    void bandsWithHalosEqualTheWholeImage(int bandPixels) {
        int w = 61;
        int h = 97;
        byte[] rgba = new byte[w * h * 4];
        for (int i = 0; i < rgba.length; i++) {
            rgba[i] = (byte) (i * 37 + i / 11);
        }
        List<ImageStep> chain = List.of(ImageOps.parse("blur=1.5"), ImageOps.parse("brightness=1.1"),
                ImageOps.parse("box-blur=2"), ImageOps.parse("sobel"));
        List<Integer> heights = new ArrayList<>();
        try (Backend cpu = new CpuBackend(1);
             Backend bounded = new ForwardingBackend(cpu) {
                 @Override
                 public long maxBandPixels() {
                     return bandPixels;
                 }

                 @Override
                 public void image(List<ImageStep> c, int width, int height, byte[] in, byte[] out) {
                     heights.add(height);
                     inner.image(c, width, height, in, out);
                 }
             }) {
            byte[] out = new byte[rgba.length];
            ImageTiles.run(bounded, chain, w, h, rgba, out, null, line -> { }, ImageTiles.BAND_PIXELS);
            assertArrayEquals(ImageReference.apply(chain, w, h, rgba), out);
            int halo = ImageTiles.halo(chain);
            assertEquals(5 + 2 + 1, halo, "blur 1.5 reaches 5 rows (radius ceil(3 sigma)), box-blur 2, sobel 1");
            int rows = Math.max(4 * halo, bandPixels / w);
            assertEquals(rows >= h ? 1 : (h + rows - 1) / rows, heights.size(), heights::toString);
        }
    }
}
