package dev.squall.host.render;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.DeviceException;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.tiling.Band;
import dev.squall.host.tiling.TilePlan;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a render as tiles ({@link TilePlan}) on one or several backends and times it. Each backend has a worker
 * that takes the next tile not yet taken, so a fast device takes more tiles than a slow one and none waits for
 * another (self-scheduling from one queue: with tiles of whole rows, the same balance as work stealing). The result
 * does not depend on which device rendered which tile: every backend is exact.
 *
 * <p>When a device fails on a tile ({@link DeviceException}) and a fallback is given, that tile is rendered again on
 * the fallback (the CPU backend), the failure is reported, and the failed device takes no more tiles; its worker
 * goes on with the fallback. Without a fallback the failure is thrown.
 */
public final class MandelbrotRenderer {

    private MandelbrotRenderer() {
    }

    public static RenderResult render(Backend backend, MandelbrotParams params) {
        return render(backend, params, Schedule.DEFAULT);
    }

    /** Renders into a new buffer, which the result owns (close it through {@code result.counts()}). */
    public static RenderResult render(Backend backend, MandelbrotParams params, Schedule schedule) {
        return render(List.of(backend), params, schedule, null, message -> { });
    }

    /**
     * Renders into {@code counts}, a buffer of the image's size that the caller keeps (repeated renders, frames of
     * one size, benchmarks: no allocation, zeroing or page faults on the timed path). Device failures are thrown.
     */
    public static RenderResult render(Backend backend, MandelbrotParams params, Schedule schedule,
            CountsBuffer counts) {
        return render(List.of(backend), params, schedule, counts, null, message -> { });
    }

    /**
     * Renders on {@code backends} into a new buffer, which the result owns. A tile whose device fails is redone on
     * {@code fallback} (when not null), and {@code notice} is told.
     */
    public static RenderResult render(List<Backend> backends, MandelbrotParams params, Schedule schedule,
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
    public static RenderResult render(List<Backend> backends, MandelbrotParams params, Schedule schedule,
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
    public static RenderResult stream(List<Backend> backends, MandelbrotParams params, Schedule schedule,
            Supplier<Backend> fallback, Consumer<String> notice, TileSink sink) throws IOException {
        return run(backends, params, schedule, null, sink, fallback, notice);
    }

    private static RenderResult run(List<Backend> backends, MandelbrotParams params, Schedule schedule,
            CountsBuffer counts, TileSink sink, Supplier<Backend> fallback, Consumer<String> notice)
            throws IOException {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no backend to render on");
        }
        for (Backend backend : backends) {
            backend.refuses(params).ifPresent(why -> {
                throw new DeviceUnavailableException(why);
            });
        }
        long maxPixels = backends.stream().mapToLong(Backend::maxBandPixels).min().orElseThrow();
        List<Band> tiles = TilePlan.split(params.width(), params.height(), backends.size(), maxPixels);
        MandelbrotGrid grid = MandelbrotGrid.of(params);
        Tiles queue = new Tiles(tiles, grid, schedule, counts, sink, fallback, notice);
        long t0 = System.nanoTime();
        List<Worker> workers = backends.stream().map(b -> new Worker(b, params, queue)).toList();
        if (workers.size() == 1) {
            workers.getFirst().run();
        } else {
            List<Thread> threads = new ArrayList<>();
            for (Worker w : workers) {
                threads.add(Thread.ofPlatform().name("squall-" + w.backend.id()).start(w));
            }
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                queue.stop();
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("render interrupted", e);
            } finally {
                queue.closeFallback();
            }
        }
        queue.closeFallback();
        for (Worker w : workers) {
            if (w.failure != null) {
                throw w.failure;
            }
        }
        if (queue.sinkFailure != null) {
            throw queue.sinkFailure;
        }
        long t1 = System.nanoTime();
        double prepare = workers.stream().mapToLong(w -> w.prepareNanos).max().orElse(0) / 1e9;
        BandStats stages = workers.stream().map(w -> w.stats).reduce(BandStats.NONE, BandStats::plus);
        String device = workers.size() == 1 && workers.getFirst().tilesDone == tiles.size()
                ? backends.getFirst().label()
                : workers.stream().map(w -> w.backend.id() + " (" + w.tilesDone + " tile"
                        + (w.tilesDone == 1 ? "" : "s") + ")").collect(Collectors.joining(" + "))
                        + (queue.redone.get() > 0 ? " + " + fallbackLabel(queue) : "");
        return new RenderResult(counts, device, tiles.size(), (t1 - t0) / 1e9 - prepare, prepare,
                counts != null ? counts.sum() : queue.sum, stages);
    }

    /** The tiles left to render, shared by the workers, and the fallback they share. */
    private static final class Tiles {
        final List<Band> tiles;
        final MandelbrotGrid grid;
        final Schedule schedule;
        final CountsBuffer counts;
        final TileSink sink;
        final Supplier<Backend> fallbackFactory;
        final Consumer<String> notice;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger redone = new AtomicInteger();
        final AtomicInteger fallbackTiles = new AtomicInteger();
        private Backend fallback;
        /** Streaming: the next tile the sink takes, the sum of the tiles it took, and its failure. */
        private int nextToSink;
        long sum;
        IOException sinkFailure;
        private boolean stopped;

        Tiles(List<Band> tiles, MandelbrotGrid grid, Schedule schedule, CountsBuffer counts, TileSink sink,
                Supplier<Backend> fallbackFactory, Consumer<String> notice) {
            this.tiles = tiles;
            this.grid = grid;
            this.schedule = schedule;
            this.counts = counts;
            this.sink = sink;
            this.fallbackFactory = fallbackFactory;
            this.notice = notice;
        }

        /** The index of the next tile to render, or -1 when none is left. */
        int take() {
            int i = next.getAndIncrement();
            return i < tiles.size() ? i : -1;
        }

        synchronized void stop() {
            next.set(tiles.size());
            stopped = true;
            notifyAll();
        }

        /** Hands tile {@code i} to the sink once every tile before it has been; false when the render stopped. */
        synchronized boolean toSink(int i, MemorySegment tileCounts) throws InterruptedException {
            while (nextToSink != i && !stopped) {
                wait();
            }
            if (stopped) {
                return false;
            }
            Band tile = tiles.get(i);
            try {
                sink.accept(tile, tileCounts);
            } catch (IOException e) {
                sinkFailure = e;
                stop();
                return false;
            }
            for (long k = 0, n = tileCounts.byteSize() / Integer.BYTES; k < n; k++) {
                sum += Integer.toUnsignedLong(tileCounts.getAtIndex(CountsBuffer.COUNT, k));
            }
            nextToSink++;
            notifyAll();
            return true;
        }

        synchronized Backend fallback() {
            if (fallback == null) {
                fallback = fallbackFactory.get();
            }
            return fallback;
        }

        synchronized void closeFallback() {
            if (fallback != null) {
                fallback.close();
                fallback = null;
            }
        }
    }

    /** One backend's loop: take a tile, render it, until none is left. */
    private static final class Worker implements Runnable {
        final Backend backend;
        final MandelbrotParams params;
        final Tiles queue;
        long prepareNanos;
        BandStats stats = BandStats.NONE;
        int tilesDone;
        RuntimeException failure;

        Worker(Backend backend, MandelbrotParams params, Tiles queue) {
            this.backend = backend;
            this.params = params;
            this.queue = queue;
        }

        @Override
        public void run() {
            int width = params.width();
            long tileBytes = queue.tiles.stream().mapToLong(t -> t.pixels(width)).max().orElse(0) * Integer.BYTES;
            try (Arena arena = Arena.ofShared()) {    // shared: the CPU backend fills it from its pool
                MemorySegment own = queue.counts == null ? arena.allocate(tileBytes, Integer.BYTES) : null;
                long t0 = System.nanoTime();
                backend.prepare(params.precision(), params.formula());
                prepareNanos = System.nanoTime() - t0;
                Backend current = backend;
                for (int i = queue.take(); i >= 0; i = queue.take()) {
                    Band tile = queue.tiles.get(i);
                    MemorySegment destination = own == null ? queue.counts.band(tile)
                            : own.asSlice(0, tile.pixels(width) * Integer.BYTES);
                    try {
                        stats = stats.plus(current.mandelbrot(queue.grid, tile, queue.schedule, destination));
                        if (current == backend) {
                            tilesDone++;
                        } else {
                            queue.fallbackTiles.incrementAndGet();
                        }
                    } catch (DeviceException e) {
                        if (queue.fallbackFactory == null || current != backend) {
                            throw e;
                        }
                        current = queue.fallback();
                        current.prepare(params.precision(), params.formula());
                        queue.notice.accept(String.format("tile %d of %d (rows %d-%d) failed on %s (%s); redone on"
                                + " %s, which takes %s's remaining tiles", i, queue.tiles.size(), tile.firstRow(),
                                tile.firstRow() + tile.rows() - 1, backend.id(), e.getMessage(), current.id(),
                                backend.id()));
                        stats = stats.plus(current.mandelbrot(queue.grid, tile, queue.schedule, destination));
                        queue.redone.incrementAndGet();
                        queue.fallbackTiles.incrementAndGet();
                    }
                    if (own != null && !queue.toSink(i, destination)) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
                queue.stop();
            } catch (InterruptedException e) {
                queue.stop();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String fallbackLabel(Tiles queue) {
        int tiles = queue.fallbackTiles.get();
        return "cpu fallback (" + tiles + " tile" + (tiles == 1 ? "" : "s") + ", " + queue.redone.get() + " redone)";
    }
}
