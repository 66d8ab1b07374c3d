package dev.squall.host.image;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.verify.Verdict;
import dev.squall.host.verify.Verifier;
import dev.squall.kernels.image.ImageChain;
import java.lang.foreign.MemorySegment;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.NeighbourhoodStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs one chain over many files: a worker per core, each taking the next file, decoding it, running the chain on
 * the shared devices (one image at a time: the devices are not shared between images), and encoding the PNG. So
 * decoding and encoding of some files overlap the computing of another, every core encodes, and memory stays
 * bounded by the number of workers whatever the number of files.
 */
public final class ImageBatch {
    private ImageBatch() {
    }

    /**
     * What happened to one input: {@code problem} null when it was processed (and written, or pending when
     * verifying), else why not. With verification, {@code differing} counts the pixels that differ from the Java
     * reference ({@code first} says where the first is), and {@code pending} is the output waiting to be renamed
     * into place, which the caller commits or closes.
     */
    public record Outcome(Path input, String problem, long differing, String first, AtomicFile.Pending pending) {
        Outcome(Path input, String problem) {
            this(input, problem, 0, null, null);
        }
    }

    /**
     * How a batch runs: verified against the Java reference (outputs then held as pending files, for the caller to
     * commit only when every image is identical), and where a failing device's images are redone.
     */
    public record Options(boolean verify, Supplier<Backend> fallback, Consumer<String> notice, long bandPixels,
            ImageFiles.JpegDecoder jpeg) {
        public static final Options PLAIN = new Options(false, null, line -> { }, ImageTiles.BAND_PIXELS,
                ImageFiles.JpegDecoder.AUTO);

        public Options(boolean verify, Supplier<Backend> fallback, Consumer<String> notice) {
            this(verify, fallback, notice, ImageTiles.BAND_PIXELS, ImageFiles.JpegDecoder.AUTO);
        }

        /** The same options, JPEGs read by {@code decoder}. */
        public Options withJpeg(ImageFiles.JpegDecoder decoder) {
            return new Options(verify, fallback, notice, bandPixels, decoder);
        }
    }

    public static List<Outcome> run(Map<Path, Path> targets, List<ImageStep> chain, List<Backend> backends, int workers,
            int compressionLevel, Consumer<String> problems) {
        return run(targets, chain, backends, workers, compressionLevel, problems, Options.PLAIN);
    }

    /**
     * As above, with {@code options}: an image whose device fails (an OpenCL error) is redone on
     * {@code options.fallback()} and said; with {@code options.verify()}, each result is compared with
     * {@link ImageReference#apply}, byte for byte, before anything is written.
     */
    public static List<Outcome> run(Map<Path, Path> targets, List<ImageStep> chain, List<Backend> backends, int workers,
            int compressionLevel, Consumer<String> problems, Options options) {
        HeapBudget budget = HeapBudget.ofFreeHeap();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, targets.size())),
                Thread.ofPlatform().name("squall-image-", 0).daemon().factory());
        try {
            // Largest files first, so that no big one starts last while the other workers run out of work;
            // outcomes are still reported in the order given.
            Map<Path, Future<Outcome>> futures = new java.util.HashMap<>();
            targets.keySet().stream().sorted(java.util.Comparator.comparingLong(ImageBatch::size).reversed())
                    .forEach(in -> futures.put(in, pool.submit(() -> held(in, targets.get(in), chain, backends,
                            compressionLevel, budget, options))));
            List<Outcome> outcomes = new ArrayList<>();
            for (Path in : targets.keySet()) {
                Future<Outcome> future = futures.get(in);
                Outcome outcome = join(future);
                if (outcome.problem() != null) {
                    problems.accept(outcome.input() + ": " + outcome.problem());
                }
                outcomes.add(outcome);
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Heap an image of {@code pixels} needs while it is processed: its RGBA in and out (4 + 4 bytes a pixel), its PNG
     * being filtered and compressed (up to 8), each further stage's buffer (4), and a neighbourhood operation's
     * wide intermediate (16). An estimate from the buffers named, rounded up, not a measurement.
     */
    static long heapNeed(long pixels, List<ImageStep> chain) {
        long perPixel = 16 + 4L * Math.max(0, chain.size() - 1)
                + (chain.stream().anyMatch(s -> s instanceof NeighbourhoodStep) ? 16 : 0);
        return pixels * perPixel;
    }

    /**
     * One input, with the heap it needs taken from the budget first: an image that could never fit is named and
     * skipped before it is decoded, and images that fit one at a time but not all at once wait for each other
     * instead of running the JVM out of memory together. Should an estimate still fall short, the
     * {@link OutOfMemoryError} is this one input's failure, not the batch's.
     */
    private static Outcome held(Path in, Path out, List<ImageStep> chain, List<Backend> backends, int compressionLevel,
            HeapBudget budget, Options options) {
        Optional<long[]> size = ImageFiles.dimensions(in);
        long need = size.map(d -> heapNeed(d[0] * d[1], chain)).orElse(0L);
        if (need > budget.total()) {
            return new Outcome(in, String.format(Locale.ROOT, "%dx%d needs about %s of Java heap to process, more"
                    + " than this JVM can give it (%s free of %s; raise -Xmx, e.g. SQUALL_JAVA_OPTS=-Xmx8g)",
                    size.get()[0], size.get()[1], HostMemory.size(need), HostMemory.size(budget.total()),
                    HostMemory.size(Runtime.getRuntime().maxMemory())));
        }
        try {
            budget.acquire(need);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(in, "interrupted");
        }
        try {
            return one(in, out, chain, backends, compressionLevel, options);
        } catch (OutOfMemoryError e) {
            return new Outcome(in, "not enough Java heap to process it"
                    + size.map(d -> " (" + d[0] + "x" + d[1] + ")").orElse("")
                    + "; raise -Xmx, e.g. SQUALL_JAVA_OPTS=-Xmx8g");
        } finally {
            budget.release(need);
        }
    }

    /** Heap the workers share out between the images they hold at once. */
    static final class HeapBudget {
        private final long total;
        private long free;

        HeapBudget(long total) {
            this.total = total;
            this.free = total;
        }

        /** Most of the heap free now: a tenth is left to everything else (decoders' tables, the JVM's own). */
        static HeapBudget ofFreeHeap() {
            Runtime runtime = Runtime.getRuntime();
            long used = runtime.totalMemory() - runtime.freeMemory();
            return new HeapBudget(Math.max(0, (runtime.maxMemory() - used) / 10 * 9));
        }

        long total() {
            return total;
        }

        synchronized void acquire(long bytes) throws InterruptedException {
            while (free < bytes) {
                wait();
            }
            free -= bytes;
        }

        synchronized void release(long bytes) {
            free += bytes;
            notifyAll();
        }
    }

    private static Outcome one(Path in, Path out, List<ImageStep> chain, List<Backend> backends, int compressionLevel,
            Options options) {
        RgbaImage image;
        try {
            image = ImageFiles.read(in, options.jpeg());
        } catch (IOException e) {
            return new Outcome(in, e.getMessage());
        }
        byte[] result = new byte[image.rgba().length];
        ImageChain kernel = new ImageChain(chain, image.width(), image.height(), image.rgba());
        try {
            synchronized (backends) {    // one image at a time on the devices
                ImageTiles.run(backends, kernel, result, options.fallback(),
                        line -> options.notice().accept(in + ": " + line), options.bandPixels());
            }
        } catch (UnsupportedOperationException | KernelRefusedException e) {
            return new Outcome(in, e.getMessage());
        }
        if (options.verify()) {
            Verdict verdict = Verifier.check(kernel, MemorySegment.ofArray(result), 1);
            if (!verdict.identical()) {
                return new Outcome(in, null, verdict.mismatches(), verdict.first().getFirst().toString(), null);
            }
        }
        RgbaImage done = new RgbaImage(image.width(), image.height(), image.alpha(), result);
        try {
            if (options.verify()) {
                return new Outcome(in, null, 0, null, ImageFiles.preparePng(out, done, compressionLevel));
            }
            ImageFiles.writePng(out, done, compressionLevel);
        } catch (IOException e) {
            return new Outcome(in, e.getMessage());
        }
        return new Outcome(in, null);
    }

    private static Outcome join(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
