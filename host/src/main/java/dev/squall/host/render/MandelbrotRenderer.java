package dev.squall.host.render;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.tiling.Band;
import dev.squall.host.tiling.BandPlan;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.List;

/** Plans the bands of a render, runs them on a backend and times it. */
public final class MandelbrotRenderer {
    /**
     * Fault injection, for the tests of {@code --verify}: when set to a pixel index, that pixel's count is changed
     * after the device has written it, as a faulty device would.
     */
    public static final String FAULT_CORRUPT_PIXEL = "squall.fault.corrupt-pixel";

    private MandelbrotRenderer() {
    }

    public static RenderResult render(Backend backend, MandelbrotParams params) {
        return render(backend, params, Schedule.DEFAULT);
    }

    /** Renders into a new buffer, which the result owns (close it through {@code result.counts()}). */
    public static RenderResult render(Backend backend, MandelbrotParams params, Schedule schedule) {
        CountsBuffer counts = CountsBuffer.allocate(params.width(), params.height());
        try {
            return render(backend, params, schedule, counts);
        } catch (RuntimeException | Error e) {
            counts.close();
            throw e;
        }
    }

    /**
     * Renders into {@code counts}, a buffer of the image's size that the caller keeps (repeated renders, frames of
     * one size, benchmarks: no allocation, zeroing or page faults on the timed path).
     */
    public static RenderResult render(Backend backend, MandelbrotParams params, Schedule schedule,
            CountsBuffer counts) {
        if (counts.width() != params.width() || counts.height() != params.height()) {
            throw new IllegalArgumentException("a " + counts.width() + "x" + counts.height() + " buffer for a "
                    + params.width() + "x" + params.height() + " render");
        }
        long t0 = System.nanoTime();
        backend.prepare(params.precision());
        long t1 = System.nanoTime();
        MandelbrotGrid grid = MandelbrotGrid.of(params);
        List<Band> bands = BandPlan.split(params.width(), params.height(), backend.maxBandPixels());
        BandStats stages = BandStats.NONE;
        for (Band band : bands) {
            stages = stages.plus(backend.mandelbrot(grid, band, schedule, counts.band(band)));
        }
        injectFault(counts);
        long t2 = System.nanoTime();
        return new RenderResult(counts, backend.label(), bands.size(), (t2 - t1) / 1e9, (t1 - t0) / 1e9,
                counts.sum(), stages);
    }

    private static void injectFault(CountsBuffer counts) {
        String pixel = System.getProperty(FAULT_CORRUPT_PIXEL);
        if (pixel != null) {
            long index = Long.parseLong(pixel);
            counts.segment().setAtIndex(CountsBuffer.COUNT, index, (int) counts.get(index) + 1);
        }
    }
}
