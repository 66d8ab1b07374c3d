package dev.squall.host.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.DeviceException;
import dev.squall.host.KernelRun;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.image.ImageChain;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageReference;
import dev.squall.kernels.image.ImageStep;
import dev.squall.testing.ForwardingBackend;
import dev.squall.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bands of an image with their halos give the whole image's result, byte for byte, whatever the band height. */
class ImageTilesTest {
    @ParameterizedTest(name = "bands of {0} pixels")
    @ValueSource(ints = {1, 61, 61 * 7, 61 * 40, 61 * 1000})
    void bandsWithHalosEqualTheWholeImage(int bandPixels) {
        int w = 61;
        int h = 97;
        byte[] rgba = TestImages.rgba(w, h, 37, 11);
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
                 protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                     heights.add(band.rows());
                     return run.run(band, out);
                 }
             }) {
            byte[] out = new byte[rgba.length];
            ImageTiles.run(List.of(bounded), new ImageChain(chain, w, h, rgba), out, null, line -> { },
                    ImageTiles.BAND_PIXELS);
            assertArrayEquals(ImageReference.apply(chain, w, h, rgba), out);
            int halo = new ImageChain(chain, w, h, rgba).halo();
            assertEquals(5 + 2 + 1, halo, "blur 1.5 reaches 5 rows (radius ceil(3 sigma)), box-blur 2, sobel 1");
            int rows = Math.max(4 * halo, bandPixels / w);
            assertEquals(rows >= h ? 1 : (h + rows - 1) / rows, heights.size(), heights::toString);
            assertEquals(h, heights.stream().mapToInt(Integer::intValue).sum(), heights::toString);
        }
    }

    /**
     * Two devices share one image's bands through the scheduler: the first device's first band fails and is redone
     * on the fallback, which takes that device's bands left; the second takes bands of its own (it starts once the
     * first has taken one, so the test does not depend on which thread runs first); the result is still the
     * reference's, byte for byte.
     */
    @Test
    void twoDevicesShareTheBandsAndAFailedBandIsRedone() {
        int w = 53;
        int h = 311;
        byte[] rgba = TestImages.rgba(w, h, 29, 7);
        List<ImageStep> chain = List.of(ImageOps.parse("sharpen=0.8"), ImageOps.parse("contrast=1.3"),
                ImageOps.parse("box-blur=1"));
        ImageChain kernel = new ImageChain(chain, w, h, rgba);
        List<String> notices = new ArrayList<>();
        CountDownLatch oneStarted = new CountDownLatch(1);
        try (Backend one = bounded(new CpuBackend(1), "one", w * 12, 0, oneStarted::countDown);
             Backend two = bounded(new CpuBackend(1), "two", w * 12, -1, () -> await(oneStarted))) {
            byte[] out = new byte[rgba.length];
            var result = ImageTiles.run(List.of(one, two), kernel, out, () -> new CpuBackend(1), notices::add,
                    ImageTiles.BAND_PIXELS);
            assertArrayEquals(ImageReference.apply(chain, w, h, rgba), out);
            assertEquals(1, notices.size(), notices::toString);
            assertTrue(notices.getFirst().matches("tile \\d+ of \\d+ \\(rows \\d+-\\d+\\) failed on one \\(lost\\);"
                    + " redone on cpu, which takes one's remaining tiles"), notices::toString);
            assertTrue(result.device().matches("one \\(0 tiles\\) \\+ two \\(\\d+ tiles?\\) \\+ cpu fallback \\(\\d+ tiles?, 1"
                    + " redone\\)"), result.device());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the other device took no band");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A backend with bands of at most {@code pixels}, running {@code before} ahead of each band and failing its band
     * number {@code fail} (from 0; -1 never).
     */
    private static Backend bounded(Backend inner, String id, long pixels, int fail, Runnable before) {
        return new ForwardingBackend(inner) {
            private int bands;

            @Override
            public String id() {
                return id;
            }

            @Override
            public long maxBandPixels() {
                return pixels;
            }

            @Override
            protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                before.run();
                if (bands++ == fail) {
                    throw new DeviceException("lost");
                }
                return run.run(band, out);
            }
        };
    }
}
