package dev.squall.host.bench;

import dev.squall.api.bench.MandelbrotBenchReport;

import dev.squall.api.bench.Environment;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.BandStats;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Times whole renders on one backend: the build apart, the first run apart (a device that compiles on first launch,
 * as TornadoVM does, pays it there), warm-up runs discarded (JIT, caches, device clocks), then
 * {@code runs} measured ones summarised by their median, all into one buffer allocated before the first. Every run's counts must have the same CRC-32, so a run
 * that went wrong cannot be timed as a fast one; the CRC is computed after each run's clock has stopped.
 */
public final class MandelbrotBench {
    private MandelbrotBench() {
    }

    public static MandelbrotBenchReport run(Backend backend, MandelbrotParams params, Schedule schedule, int warmup,
            int runs, String openClVariant) {
        if (backend instanceof CpuBackend cpu) {
            // Throughput is the vector loops' (time to a first image is the cold start's: benchmarks/coldstart.sh).
            cpu.vectorsFromNowOn();
        }
        long t0 = System.nanoTime();
        try (KernelRun first = backend.prepare(params, schedule)) {
            // the program is built now, and kept by the backend for the runs below
        } catch (KernelRefusedException e) {
            throw new DeviceUnavailableException(e.getMessage());
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long iterations = -1;
        long executed = -1;
        long crc32 = -1;
        double firstRunSeconds = -1;
        List<RenderResult> measured = new ArrayList<>();
        try (CountsBuffer counts = CountsBuffer.allocate(params.width(), params.height())) {
            for (int i = 0; i < warmup + runs; i++) {
                RenderResult result = MandelbrotRenderer.render(backend, params, schedule, counts);
                if (i == 0) {
                    firstRunSeconds = result.seconds();
                }
                long crc = counts.crc32();
                if (crc32 >= 0 && crc != crc32) {
                    throw new IllegalStateException(String.format("run %d on %s gave counts with CRC-32 %08x, an"
                            + " earlier one %08x", i, backend.id(), crc, crc32));
                }
                crc32 = crc;
                iterations = result.iterations();
                executed = result.stages().executedIterations();
                if (i >= warmup) {
                    measured.add(result);
                }
            }
        }
        double[] seconds = measured.stream().mapToDouble(RenderResult::seconds).toArray();
        double median = median(seconds);
        var view = params.view();
        return new MandelbrotBenchReport(params.formula().name(), backend.id(), backend.label(), params.precision().label(),
                params.width(), params.height(), params.maxIter(),
                List.of(view.xMin(), view.xMax(), view.yMin(), view.yMax()), schedule.cycleShortcut(), openClVariant,
                backend.family().equals("tornado")
                        ? schedule.tornadoApi().name().toLowerCase(Locale.ROOT).replace('_', '-') : null,
                iterations, String.format("%08x", crc32), executed, warmup, runs, Arrays.stream(seconds).boxed().toList(), median,
                Arrays.stream(seconds).min().orElseThrow(), Arrays.stream(seconds).max().orElseThrow(),
                iterations / median / 1e9, executed / median / 1e9,
                new MandelbrotBenchReport.Stages(buildSeconds, firstRunSeconds, stage(measured, BandStats::uploadNanos),
                        stage(measured, BandStats::kernelNanos), stage(measured, BandStats::downloadNanos)),
                Environment.current());
    }

    private static double stage(List<RenderResult> results, java.util.function.ToLongFunction<BandStats> nanos) {
        ToDoubleFunction<RenderResult> seconds = r -> nanos.applyAsLong(r.stages()) / 1e9;
        return median(results.stream().mapToDouble(seconds).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
