package dev.squall.host.render;

import dev.squall.host.Backend;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.tiling.Band;
import dev.squall.host.tiling.BandPlan;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.List;

/** Plans the bands of a render, runs them on a backend and times it. */
public final class MandelbrotRenderer {
    private MandelbrotRenderer() {
    }

    public static RenderResult render(Backend backend, MandelbrotParams params) {
        long t0 = System.nanoTime();
        backend.prepare(params.precision());
        long t1 = System.nanoTime();
        MandelbrotGrid grid = MandelbrotGrid.of(params);
        List<Band> bands = BandPlan.split(params.width(), params.height(), backend.maxBandPixels());
        CountsBuffer counts = CountsBuffer.allocate(params.width(), params.height());
        try {
            for (Band band : bands) {
                backend.mandelbrot(grid, band, counts.band(band));
            }
        } catch (RuntimeException | Error e) {
            counts.close();
            throw e;
        }
        long t2 = System.nanoTime();
        return new RenderResult(counts, backend.label(), bands.size(), (t2 - t1) / 1e9, (t1 - t0) / 1e9,
                counts.sum());
    }
}
