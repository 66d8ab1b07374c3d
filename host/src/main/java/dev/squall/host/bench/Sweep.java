package dev.squall.host.bench;

import dev.squall.api.bench.SweepReport;

import dev.squall.api.bench.MandelbrotBenchReport;

import dev.squall.api.bench.Figure;

import dev.squall.host.Backend;
import dev.squall.host.KernelRun;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.ImageChain;
import java.lang.foreign.MemorySegment;
import dev.squall.host.Schedule;
import dev.squall.host.opencl.OpenCl;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.kernels.peak.PeakKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Throughput of one kernel on one backend at each of several image sizes: Mandelbrot (the seed's view, Giter/s, as
 * {@code bench mandelbrot} measures it, and on an OpenCL device the fraction of its multiply-add peak reached) or the seed's brightness (Mpixel/s, RGBA in memory, checked once against the
 * reference at each size).
 */
public final class Sweep {
    public static final View VIEW = new View(-2.5, 1, -1, 1);
    private static final List<PixelStep> BRIGHTNESS = List.of(PixelOp.parse("brightness=1.2"));

    private Sweep() {
    }

    public static SweepReport.Series mandelbrot(Backend backend, Precision precision, List<Integer> sizes,
            int maxIter, int warmup, int runs) {
        return escape(backend, Formula.MANDELBROT, precision, sizes, maxIter, warmup, runs);
    }

    /** As {@link #mandelbrot}, for any formula (on the same view). */
    public static SweepReport.Series escape(Backend backend, Formula formula, Precision precision,
            List<Integer> sizes, int maxIter, int warmup, int runs) {
        if (warmup > 0) {
            // One untimed pass over every size first: a JIT-compiled backend (the CPU's) would otherwise be measured
            // cold at the first, smallest sizes, whose few runs are too short to warm it.
            for (int size : sizes) {
                MandelbrotBench.run(backend, new MandelbrotParams(size, size, VIEW, maxIter, precision, formula),
                        Schedule.DEFAULT, 0, 1, "auto");
            }
        }
        // The fraction of the peak needs the loop's flops an iteration: known (and counted) for the Mandelbrot set.
        Figure peak = formula instanceof Formula.Mandelbrot ? OpenCl.probe().find(backend.id())
                .map(device -> DevicePeak.madPeak(device, precision, 1, 3)).orElse(null) : null;
        List<SweepReport.Point> points = new ArrayList<>();
        for (int size : sizes) {
            MandelbrotParams params = new MandelbrotParams(size, size, VIEW, maxIter, precision, formula);
            MandelbrotBenchReport r = MandelbrotBench.run(backend, params, Schedule.DEFAULT, warmup, runs, "auto");
            double giter = r.iterations() / 1e9;
            double gflops = r.executedIterations() * (double) PeakKernels.MANDELBROT_FLOPS_PER_ITERATION
                    / r.secondsMedian() / 1e9;
            points.add(new SweepReport.Point(size, params.pixels(),
                    new Figure(r.giterPerS(), giter / r.secondsMax(), giter / r.secondsMin(), r.runs()),
                    peak == null ? null : gflops / peak.median()));
        }
        return new SweepReport.Series(backend.id(), precision.label(), backend.label(), peak, points);
    }

    public static SweepReport.Series brightness(Backend backend, List<Integer> sizes, int warmup, int runs) {
        List<SweepReport.Point> points = new ArrayList<>();
        for (int size : sizes) {
            long pixels = (long) size * size;
            byte[] in = new byte[Math.toIntExact(pixels * 4)];
            new Random(size).nextBytes(in);
            byte[] out = new byte[in.length];
            MemorySegment whole = MemorySegment.ofArray(out);
            Band all = new Band(0, size);
            double[] rates = new double[runs];
            try (KernelRun run = backend.prepare(new ImageChain(BRIGHTNESS, size, size, in), Schedule.DEFAULT)) {
                run.run(all, whole);
                if (!Arrays.equals(out, PixelReference.apply(BRIGHTNESS, in))) {
                    throw new IllegalStateException(backend.id() + ": brightness at " + size + "x" + size
                            + " differs from the reference");
                }
                for (int i = 0; i < warmup; i++) {
                    run.run(all, whole);
                }
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    run.run(all, whole);
                    rates[i] = pixels / ((System.nanoTime() - t0) / 1e9) / 1e6;
                }
            }
            points.add(new SweepReport.Point(size, pixels, Figure.of(rates), null));
        }
        return new SweepReport.Series(backend.id(), "rgba8", backend.label(), null, points);
    }
}
