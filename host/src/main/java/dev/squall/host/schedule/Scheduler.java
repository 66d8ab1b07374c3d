package dev.squall.host.schedule;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.DeviceException;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.host.tiling.BandPlan;
import dev.squall.host.tiling.TilePlan;
import dev.squall.kernels.Kernel;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs any {@link Kernel} as tiles (bands of whole rows) on one or several backends: the one place where work is
 * shared between devices, where a failing device's work is redone, and where tiles are handed on in order.
 *
 * <ul>
 *   <li><b>Preparing</b>: every device prepares the kernel ({@link Backend#prepare}: program build, uploads) at once,
 *       each on its own thread, before any tile starts; a refusal or failure there stops the run before any work.
 *   <li><b>Sharing</b>: each device has a worker that takes the next tile not yet taken, so a fast device takes
 *       more tiles than a slow one and none waits for another (self-scheduling from one queue: with tiles of whole
 *       rows, the balance of work stealing). The result does not depend on which device computed which tile: every
 *       backend is exact.
 *   <li><b>Fallback</b>: when a device fails on a tile ({@link DeviceException}) and a fallback is given, that tile
 *       is computed again on the fallback (the CPU backend), the notice says so in one line, and the failed device
 *       takes no more tiles: its worker goes on with the fallback. A device that fails to prepare (a program that
 *       does not build on it) hands all its tiles to the fallback the same way. Without a fallback the failure is
 *       thrown. This is the one place where fallback is decided.
 *   <li><b>Output</b>: into one segment holding the whole result, or streamed: each worker computes into a tile
 *       buffer of its own and hands it to a {@link TileSink} in image order, so memory is a tile per device
 *       whatever the size.
 * </ul>
 */
public final class Scheduler {
    private Scheduler() {
    }

    /** How a kernel's output is cut into tiles, given the devices that share it. */
    @FunctionalInterface
    public interface Tiling {
        /**
         * The tiles of a {@code width x height} output.
         *
         * @param width the output's width
         * @param height the output's height
         * @param devices how many devices share the tiles
         * @param maxPixels the most pixels a tile may hold on every device
         * @return consecutive bands from row 0 down, covering the output
         */
        List<Band> plan(int width, int height, int devices, long maxPixels);

        /**
         * Tiles for compute-bound kernels ({@link TilePlan}): several a device, also when one would fit, for
         * balance and progress.
         */
        Tiling COMPUTE = TilePlan::split;

        /**
         * Tiles for memory-bound kernels: bands of about {@code pixels} pixels, at least {@code minRows} rows deep
         * (a band's halo is computed twice, so bands stay a few halos deep); the whole output as one band for a
         * single device whose bands are not bounded (the CPU backend: bands would only add copies, and it has no
         * device to lose).
         *
         * @param pixels pixels a band holds
         * @param minRows the fewest rows a band has (when the output has that many)
         * @return the tiling
         */
        static Tiling bands(long pixels, int minRows) {
            return (width, height, devices, maxPixels) -> {
                if (devices == 1 && maxPixels == Long.MAX_VALUE) {
                    return List.of(new Band(0, height));
                }
                long limit = Math.min(pixels, maxPixels);
                long rows = Math.min(height, Math.max(Math.max(1, minRows), limit / width));
                return BandPlan.split(width, height, rows * width);
            };
        }
    }

    /**
     * What a run cost.
     *
     * @param device the device that did it all, or each device with its number of tiles, and the fallback's
     * @param tiles how many tiles the output was cut into
     * @param seconds the time of the tiles, preparing excluded
     * @param prepareSeconds the slowest device's preparing (program builds, uploads)
     * @param stages the work and stage times summed over the tiles
     * @param report what the devices' runs said of themselves ({@link KernelRun#report}), joined; often empty
     */
    public record Result(String device, int tiles, double seconds, double prepareSeconds, BandStats stages,
            String report) {
    }

    /**
     * Runs {@code kernel} on {@code backends} into {@code whole}, a segment of the whole output
     * ({@code width * height * 4} bytes), or into {@code sink} when {@code whole} is null.
     *
     * @param backends the devices, each used by one thread
     * @param kernel what to compute
     * @param schedule how each device runs it
     * @param tiling how the output is cut
     * @param whole the output, or null to stream
     * @param sink what takes the tiles in order when streaming, else null
     * @param fallback what opens the backend failed tiles are redone on, or null to throw device failures
     * @param notice what hears of each tile redone
     * @return the cost
     * @throws IOException what {@code sink} threw: the run stopped there
     * @throws dev.squall.host.KernelRefusedException when a device refuses the kernel (before any tile)
     */
    public static Result run(List<Backend> backends, Kernel kernel, Schedule schedule, Tiling tiling,
            MemorySegment whole, TileSink sink, Supplier<Backend> fallback, Consumer<String> notice)
            throws IOException {
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("no backend to run " + kernel.name() + " on");
        }
        if ((whole == null) == (sink == null)) {
            throw new IllegalArgumentException("a run goes into a whole segment or a sink, one of them");
        }
        long maxPixels = backends.stream().mapToLong(Backend::maxBandPixels).min().orElseThrow();
        List<Band> tiles = tiling.plan(kernel.width(), kernel.height(), backends.size(), maxPixels);
        Queue queue = new Queue(kernel, schedule, tiles, whole, sink, fallback, notice);
        List<Worker> workers = backends.stream().map(b -> new Worker(b, queue)).toList();
        try {
            long t0 = System.nanoTime();
            inParallel(workers, Worker::prepare, "prepare");
            for (Worker w : workers) {
                if (w.failure != null) {
                    throw w.failure;
                }
            }
            long t1 = System.nanoTime();
            inParallel(workers, Worker::run, "");
            long t2 = System.nanoTime();
            for (Worker w : workers) {
                if (w.failure != null) {
                    throw w.failure;
                }
            }
            if (queue.sinkFailure != null) {
                throw queue.sinkFailure;
            }
            BandStats stages = workers.stream().map(w -> w.stats).reduce(BandStats.NONE, BandStats::plus);
            double prepare = workers.size() == 1 ? (t1 - t0) / 1e9
                    : workers.stream().mapToLong(w -> w.prepareNanos).max().orElse(0) / 1e9;
            String report = workers.stream().map(w -> w.run == null ? "" : w.run.report()).filter(r -> !r.isEmpty())
                    .collect(Collectors.joining("; "));
            return new Result(label(workers, queue), tiles.size(), (t2 - t1) / 1e9, prepare, stages, report);
        } finally {
            workers.forEach(Worker::closeRun);
            queue.closeFallback();
        }
    }

    /** Runs {@code step} for each worker: on this thread for one, else on a thread each, and waits for all. */
    private static void inParallel(List<Worker> workers, Consumer<Worker> step, String what) {
        if (workers.size() == 1) {
            step.accept(workers.getFirst());
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Worker w : workers) {
            String name = "squall-" + w.backend.id() + (what.isEmpty() ? "" : "-" + what);
            threads.add(Thread.ofPlatform().name(name).start(() -> step.accept(w)));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            workers.getFirst().queue.stop();
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run interrupted", e);
        }
    }

    private static String label(List<Worker> workers, Queue queue) {
        if (workers.size() == 1 && workers.getFirst().tilesDone == queue.tiles.size()) {
            return workers.getFirst().backend.label();
        }
        String devices = workers.stream().map(w -> w.backend.id() + " (" + plural(w.tilesDone, "tile") + ")")
                .collect(Collectors.joining(" + "));
        if (queue.fallbackTiles.get() == 0) {
            return devices;
        }
        return devices + " + " + queue.fallbackId + " fallback (" + plural(queue.fallbackTiles.get(), "tile") + ", "
                + queue.redone.get() + " redone)";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The tiles left, shared by the workers, the order of the sink, and the fallback they share. */
    private static final class Queue {
        final Kernel kernel;
        final Schedule schedule;
        final List<Band> tiles;
        final MemorySegment whole;
        final TileSink sink;
        final Supplier<Backend> fallbackFactory;
        final Consumer<String> notice;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger redone = new AtomicInteger();
        final AtomicInteger fallbackTiles = new AtomicInteger();
        private Backend fallback;
        private KernelRun fallbackRun;
        volatile String fallbackId;
        private int nextToSink;
        IOException sinkFailure;
        private boolean stopped;

        Queue(Kernel kernel, Schedule schedule, List<Band> tiles, MemorySegment whole, TileSink sink,
                Supplier<Backend> fallbackFactory, Consumer<String> notice) {
            this.kernel = kernel;
            this.schedule = schedule;
            this.tiles = tiles;
            this.whole = whole;
            this.sink = sink;
            this.fallbackFactory = fallbackFactory;
            this.notice = notice;
        }

        /** The index of the next tile to compute, or -1 when none is left. */
        int take() {
            int i = next.getAndIncrement();
            return i < tiles.size() ? i : -1;
        }

        synchronized void stop() {
            next.set(tiles.size());
            stopped = true;
            notifyAll();
        }

        /** Hands tile {@code i} to the sink once every tile before it has been; false when the run stopped. */
        synchronized boolean toSink(int i, MemorySegment pixels) throws InterruptedException {
            while (nextToSink != i && !stopped) {
                wait();
            }
            if (stopped) {
                return false;
            }
            try {
                sink.accept(tiles.get(i), pixels);
            } catch (IOException e) {
                sinkFailure = e;
                stop();
                return false;
            }
            nextToSink++;
            notifyAll();
            return true;
        }

        /** Computes {@code tile} on the fallback, opened and prepared on first use; one tile at a time. */
        synchronized BandStats onFallback(Band tile, MemorySegment destination) {
            if (fallbackRun == null) {
                if (fallback == null) {
                    fallback = fallbackFactory.get();
                    fallbackId = fallback.id();
                }
                fallbackRun = fallback.prepare(kernel, schedule);
            }
            return fallbackRun.run(tile, destination);
        }

        synchronized void closeFallback() {
            if (fallbackRun != null) {
                fallbackRun.close();
                fallbackRun = null;
            }
            if (fallback != null) {
                fallback.close();
                fallback = null;
            }
        }
    }

    /** One device's part: prepare the kernel, then take tiles until none is left. */
    private static final class Worker {
        final Backend backend;
        final Queue queue;
        KernelRun run;
        long prepareNanos;
        BandStats stats = BandStats.NONE;
        int tilesDone;
        RuntimeException failure;

        Worker(Backend backend, Queue queue) {
            this.backend = backend;
            this.queue = queue;
        }

        /** Set when the device failed to prepare: its tiles go to the fallback from the first. */
        String preparedFailure;

        void prepare() {
            long t0 = System.nanoTime();
            try {
                run = backend.prepare(queue.kernel, queue.schedule);
            } catch (DeviceException e) {
                if (queue.fallbackFactory == null) {
                    failure = e;
                } else {
                    preparedFailure = e.getMessage();
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            prepareNanos = System.nanoTime() - t0;
        }

        void closeRun() {
            if (run != null) {
                run.close();
                run = null;
            }
        }

        void run() {
            int width = queue.kernel.width();
            int bytes = queue.kernel.layout().bytesPerPixel();
            long tileBytes = queue.tiles.stream().mapToLong(t -> t.pixels(width)).max().orElse(0) * bytes;
            try (Arena arena = Arena.ofShared()) {    // shared: the CPU backend fills it from its pool
                MemorySegment own = queue.whole == null ? arena.allocate(tileBytes, Integer.BYTES) : null;
                boolean failed = preparedFailure != null;
                boolean told = false;
                for (int i = queue.take(); i >= 0; i = queue.take()) {
                    Band tile = queue.tiles.get(i);
                    MemorySegment destination = own == null
                            ? queue.whole.asSlice(tile.firstPixel(width) * bytes, tile.pixels(width) * bytes)
                            : own.asSlice(0, tile.pixels(width) * bytes);
                    if (!failed) {
                        try {
                            stats = stats.plus(run.run(tile, destination));
                            tilesDone++;
                        } catch (DeviceException e) {
                            if (queue.fallbackFactory == null) {
                                throw e;
                            }
                            failed = true;
                            stats = stats.plus(queue.onFallback(tile, destination));
                            queue.redone.incrementAndGet();
                            queue.fallbackTiles.incrementAndGet();
                            queue.notice.accept(String.format("tile %d of %d (rows %d-%d) failed on %s (%s); redone"
                                    + " on %s%s", i + 1, queue.tiles.size(), tile.firstRow(),
                                    tile.firstRow() + tile.rows() - 1, backend.id(), e.getMessage(),
                                    queue.fallbackId, i + 1 < queue.tiles.size()
                                            ? ", which takes " + backend.id() + "'s remaining tiles" : ""));
                        }
                    } else {
                        stats = stats.plus(queue.onFallback(tile, destination));
                        queue.fallbackTiles.incrementAndGet();
                        if (preparedFailure != null && !told) {
                            told = true;
                            queue.notice.accept(String.format("%s could not prepare the %s kernel (%s); its tiles"
                                    + " go to %s", backend.id(), queue.kernel.name(), preparedFailure,
                                    queue.fallbackId));
                        }
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
}
