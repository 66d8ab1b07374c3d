package dev.squall.host.image;

import dev.squall.host.Backend;
import dev.squall.host.DeviceException;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.NeighbourhoodStep;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs an image chain over one image in bands of whole rows, the way the Mandelbrot renderer runs tiles: each band
 * on the backend (a device with bounded buffers; the CPU backend takes the image whole), and a band whose device fails (an OpenCL error, a lost device) redone on the fallback, said in one
 * line; the device's later bands then go to the fallback too. Each band is computed with {@code halo} extra rows on
 * each side, as many as the chain's neighbourhood operations reach together (the sum of their radii), so the rows
 * it keeps never see the band's artificial edges: the result is the whole image's, byte for byte.
 */
public final class ImageTiles {
    /** Pixels a band holds (rows of them): 4 Mpixel, 16 MiB of RGBA, small next to a whole photo's time. */
    public static final long BAND_PIXELS = 4L << 20;

    private ImageTiles() {
    }

    /** How far, in rows, the chain's output depends on its input: the sum of its neighbourhood radii. */
    public static int halo(List<? extends ImageStep> chain) {
        return chain.stream().mapToInt(s -> s instanceof NeighbourhoodStep n ? n.radius() : 0).sum();
    }

    /**
     * Applies {@code chain} to the {@code width x height} RGBA8 image {@code in} into {@code out}, in bands of about
     * {@code bandPixels} pixels (at least four halos deep, so the extra rows stay a fraction of the work).
     */
    public static void run(Backend backend, List<ImageStep> chain, int width, int height, byte[] in, byte[] out,
            Supplier<Backend> fallback, Consumer<String> notice, long bandPixels) {
        int halo = halo(chain);
        // A device whose bands are not bounded (the CPU backend's: host memory) gets the image whole: bands would
        // only add copies of memory-bound work, and it has no device to lose.
        long limit = backend.maxBandPixels() == Long.MAX_VALUE ? Long.MAX_VALUE
                : Math.min(bandPixels, backend.maxBandPixels());
        int bandRows = (int) Math.min(height, Math.max(Math.max(1, 4L * halo), limit / width));
        int bands = (height + bandRows - 1) / bandRows;
        if (bands == 1) {
            runBand(backend, chain, width, height, in, out, fallback, notice, 0, 1, 0, height, halo);
            return;
        }
        Backend current = backend;
        for (int b = 0; b < bands; b++) {
            int first = b * bandRows;
            int rows = Math.min(bandRows, height - first);
            current = runBand(current, chain, width, height, in, out, fallback, notice, b, bands, first, rows, halo);
        }
    }

    /** One band; returns the backend for the next one (the fallback once the device has failed). */
    private static Backend runBand(Backend backend, List<ImageStep> chain, int width, int height, byte[] in,
            byte[] out, Supplier<Backend> fallback, Consumer<String> notice, int band, int bands, int first, int rows,
            int halo) {
        int from = Math.max(0, first - halo);
        int to = Math.min(height, first + rows + halo);
        boolean whole = from == 0 && to == height;
        byte[] part = whole ? in : Arrays.copyOfRange(in, 4 * from * width, 4 * to * width);
        byte[] result = whole ? out : new byte[part.length];
        Backend used = backend;
        try {
            backend.image(chain, width, to - from, part, result);
        } catch (DeviceException e) {
            if (fallback == null) {
                throw e;
            }
            used = fallback.get();
            notice.accept("band " + (band + 1) + " of " + bands + " (rows " + first + "-" + (first + rows - 1)
                    + ") failed on " + backend.id() + " (" + e.getMessage() + "); redone on " + used.id()
                    + (band + 1 < bands ? ", which takes the bands left" : ""));
            synchronized (used) {    // one fallback for every worker of a batch
                used.image(chain, width, to - from, part, result);
            }
        }
        if (!whole) {
            System.arraycopy(result, 4 * (first - from) * width, out, 4 * first * width, 4 * rows * width);
        }
        return used;
    }
}
