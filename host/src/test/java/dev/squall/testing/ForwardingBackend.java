package dev.squall.testing;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/** A backend that hands everything to another: the base of the tests' faulty and restricted devices. */
public class ForwardingBackend implements Backend {
    protected final Backend inner;

    public ForwardingBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String label() {
        return inner.label();
    }

    @Override
    public long maxBandPixels() {
        return inner.maxBandPixels();
    }

    @Override
    public void prepare(Precision precision) {
        inner.prepare(precision);
    }

    @Override
    public void prepare(Precision precision, Formula formula) {
        inner.prepare(precision, formula);
    }

    @Override
    public Optional<String> refuses(MandelbrotParams params) {
        return inner.refuses(params);
    }

    @Override
    public BandStats mandelbrot(MandelbrotGrid grid, Band band, Schedule schedule, MemorySegment destination) {
        return inner.mandelbrot(grid, band, schedule, destination);
    }

    @Override
    public void pointOps(List<PixelStep> chain, byte[] in, byte[] out) {
        inner.pointOps(chain, in, out);
    }

    @Override
    public void image(List<ImageStep> chain, int width, int height, byte[] in, byte[] out) {
        inner.image(chain, width, height, in, out);
    }

    @Override
    public void close() {
        inner.close();
    }
}
