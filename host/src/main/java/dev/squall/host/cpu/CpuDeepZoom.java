package dev.squall.host.cpu;

import dev.squall.host.BandStats;
import dev.squall.host.render.DeepZoomRun;
import dev.squall.host.render.DeepZoomTally;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Pixels;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import java.lang.foreign.MemorySegment;

/**
 * Deep zoom on the CPU: the reference orbit (arbitrary precision) and the bilinear table computed once when the run
 * is prepared, then each band's pixels as perturbations of it ({@link DeepRender}: rebasing, bilinear jumps, every
 * count proven exact or recomputed at higher precision), on the backend's threads. Scalar Java: the reference the
 * OpenCL loop ({@code deep.cl}) is checked against.
 */
final class CpuDeepZoom implements DeepZoomRun {
    private final DeepRender.Prepared prepared;
    private final int threads;
    private final DeepZoomTally tally;

    CpuDeepZoom(CpuBackend backend, DeepParams params) {
        this.prepared = DeepRender.prepare(params, true, DeepRender.Arithmetic.AUTO);
        this.threads = backend.threads();
        this.tally = new DeepZoomTally(params.fast());
    }

    @Override
    public BandStats run(Band band, MemorySegment destination) {
        long t0 = System.nanoTime();
        DeepRender.Result result = prepared.compute(band.firstRow(), band.rows(), threads);
        int[] counts = result.counts();
        for (int i = 0; i < counts.length; i++) {
            destination.setAtIndex(Pixels.U32, i, counts[i]);
        }
        DeepRender.Stats s = result.stats();
        tally.add(s);
        return new BandStats(s.steps() + s.blaSkippedIterations(), 0, System.nanoTime() - t0, 0);
    }

    @Override
    public DeepRender.Stats stats() {
        return tally.total();
    }

    @Override
    public String report() {
        return tally.report("pixels");
    }
}
