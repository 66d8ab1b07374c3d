package dev.squall.testing;

import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.KernelRun;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.image.ImageStep;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** One kernel prepared and run on one backend, whole, without the scheduler: for tests of a family's kernels. */
public final class Runs {
    private Runs() {
    }

    /** The chain on a {@code width x height} image, as one band, into {@code out}. */
    public static void image(Backend backend, List<? extends ImageStep> chain, int width, int height, byte[] in,
            byte[] out) {
        try (KernelRun run = backend.prepare(new ImageChain(chain, width, height, in), Schedule.DEFAULT)) {
            run.run(new Band(0, height), MemorySegment.ofArray(out));
        }
    }

    /** Point operations over {@code in.length / 4} pixels, as an image one row high. */
    public static void points(Backend backend, List<? extends ImageStep> chain, byte[] in, byte[] out) {
        image(backend, chain, in.length / 4, 1, in, out);
    }
}
