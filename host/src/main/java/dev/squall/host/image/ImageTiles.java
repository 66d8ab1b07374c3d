package dev.squall.host.image;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.Schedule;
import dev.squall.host.schedule.Scheduler;
import dev.squall.kernels.image.ImageChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An image chain over one image on the {@link Scheduler}, the way renders run: bands of whole rows shared by the
 * devices, each computed with its halo ({@link ImageChain#halo}) so the result is the whole image's byte for byte,
 * and a band whose device fails redone on the fallback, said in one line. A single CPU backend gets the image whole
 * (bands would only add copies of memory-bound work).
 */
public final class ImageTiles {
    /** Pixels a band holds (rows of them): 4 Mpixel, 16 MiB of RGBA, small next to a whole photo's time. */
    public static final long BAND_PIXELS = 4L << 20;

    private ImageTiles() {
    }

    /**
     * Applies {@code chain} to its image into {@code out}, in bands of about {@code bandPixels} pixels (at least
     * four halos deep, so the extra rows stay a fraction of the work).
     *
     * @param backends the devices that share the bands
     * @param chain the chain and its image
     * @param out {@code 4 * width * height} bytes, overwritten
     * @param fallback what opens the backend failed bands are redone on, or null to throw
     * @param notice what hears of each band redone
     * @param bandPixels pixels a band holds
     * @return what it cost
     * @throws KernelRefusedException when a device does not run the chain
     */
    public static Scheduler.Result run(List<Backend> backends, ImageChain chain, byte[] out,
            Supplier<Backend> fallback, Consumer<String> notice, long bandPixels) {
        try {
            return Scheduler.run(backends, chain, Schedule.DEFAULT,
                    Scheduler.Tiling.bands(bandPixels, 4 * chain.halo()), MemorySegment.ofArray(out), null,
                    fallback, notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);    // no sink, no I/O
        }
    }
}
