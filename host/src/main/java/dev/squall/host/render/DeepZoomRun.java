package dev.squall.host.render;

import dev.squall.host.KernelRun;
import dev.squall.kernels.deep.DeepRender;

/** A deep-zoom run on some device: a {@link KernelRun} that also says what its bands did, for benchmarks. */
public interface DeepZoomRun extends KernelRun {
    /** {@return the statistics of the bands computed so far, summed; null before the first} */
    DeepRender.Stats stats();
}
