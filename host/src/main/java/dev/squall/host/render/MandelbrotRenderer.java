package dev.squall.host.render;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.schedule.Scheduler;
import dev.squall.host.schedule.TileSink;
import dev.squall.kernels.EscapeTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;


/**
 * Escape-time renders (the Mandelbrot set and the other formulas) on the {@link Scheduler}: into a counts buffer or
 * streamed, with the sum of counts taken on the way. Tiling, sharing between devices and fallback are the
 * scheduler's, the same for every kernel.
 */
public final class MandelbrotRenderer {

    private MandelbrotRenderer() {
    }

    public static RenderResult render(Backend backend, EscapeTime params) {
        return render(backend, params, Schedule.DEFAULT);
    }

    /** Renders into a new buffer, which the result owns (close it through {@code result.counts()}). */
    public static RenderResult render(Backend backend, EscapeTime params, Schedule schedule) {
        return render(List.of(backend), params, schedule, null, message -> { });
    }

    /**
     * Renders into {@code counts}, a buffer of the image's size that the caller keeps (repeated renders, frames of
     * one size, benchmarks: no allocation, zeroing or page faults on the timed path). Device failures are thrown.
     */
    public static RenderResult render(Backend backend, EscapeTime params, Schedule schedule,
            CountsBuffer counts) {
        return render(List.of(backend), params, schedule, counts, null, message -> { });
    }

    /**
     * Renders on {@code backends} into a new buffer, which the result owns. A tile whose device fails is redone on
     * {@code fallback} (when not null), and {@code notice} is told.
     */
    public static RenderResult render(List<Backend> backends, EscapeTime params, Schedule schedule,
            Supplier<Backend> fallback, Consumer<String> notice) {
        CountsBuffer counts = CountsBuffer.allocate(params.width(), params.height());
        try {
            return render(backends, params, schedule, counts, fallback, notice);
        } catch (RuntimeException | Error e) {
            counts.close();
            throw e;
        }
    }

    /** As above, into {@code counts}, which the caller keeps. */
    public static RenderResult render(List<Backend> backends, EscapeTime params, Schedule schedule,
            CountsBuffer counts, Supplier<Backend> fallback, Consumer<String> notice) {
        if (counts.width() != params.width() || counts.height() != params.height()) {
            throw new IllegalArgumentException("a " + counts.width() + "x" + counts.height() + " buffer for a "
                    + params.width() + "x" + params.height() + " render");
        }
        try {
            return run(backends, params, schedule, counts, null, fallback, notice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);    // no sink, no I/O
        }
    }

    /**
     * Renders on {@code backends} without holding the image: each worker renders its tile into a buffer of its own
     * and hands it to {@code sink}, in image order (a worker whose tile is ahead waits for the tiles before it), so
     * memory is a tile per device whatever the image's size. The result has no counts ({@code counts()} is null);
     * its sum is taken from the tiles. A failure of the sink stops the render and is thrown.
     */
    public static RenderResult stream(List<Backend> backends, EscapeTime params, Schedule schedule,
            Supplier<Backend> fallback, Consumer<String> notice, TileSink sink) throws IOException {
        return run(backends, params, schedule, null, sink, fallback, notice);
    }

    private static RenderResult run(List<Backend> backends, EscapeTime params, Schedule schedule,
            CountsBuffer counts, TileSink sink, Supplier<Backend> fallback, Consumer<String> notice)
            throws IOException {
        long[] sum = {0};
        TileSink summing = sink == null ? null : (tile, tileCounts) -> {
            sink.accept(tile, tileCounts);
            long s = 0;
            for (long k = 0, n = tileCounts.byteSize() / Integer.BYTES; k < n; k++) {
                s += Integer.toUnsignedLong(tileCounts.getAtIndex(CountsBuffer.COUNT, k));
            }
            sum[0] += s;    // the sink takes one tile at a time, in order
        };
        Scheduler.Result result;
        try {
            result = Scheduler.run(backends, params, schedule, Scheduler.Tiling.COMPUTE,
                    counts == null ? null : counts.segment(), summing, fallback, notice);
        } catch (KernelRefusedException e) {
            throw new DeviceUnavailableException(e.getMessage(), e);
        }
        return new RenderResult(counts, result.device(), result.tiles(), result.seconds(), result.prepareSeconds(),
                counts != null ? counts.sum() : sum[0], result.stages(), result.report());
    }
}
