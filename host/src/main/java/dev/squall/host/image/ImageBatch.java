package dev.squall.host.image;

import dev.squall.host.Backend;
import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.imageio.RgbaImage;
import dev.squall.kernels.image.ImageStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs one chain over many files: a worker per core, each taking the next file, decoding it, running the chain on
 * the shared backend (one image at a time: the device is not shared between images), and encoding the PNG. So
 * decoding and encoding of some files overlap the computing of another, every core encodes, and memory stays
 * bounded by the number of workers whatever the number of files.
 */
public final class ImageBatch {
    private ImageBatch() {
    }

    /** What happened to one input: null when written, else why not. */
    public record Outcome(Path input, String problem) {
    }

    public static List<Outcome> run(Map<Path, Path> targets, List<ImageStep> chain, Backend backend, int workers,
            int compressionLevel, Consumer<String> problems) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, targets.size())),
                Thread.ofPlatform().name("squall-image-", 0).daemon().factory());
        try {
            // Largest files first, so that no big one starts last while the other workers run out of work;
            // outcomes are still reported in the order given.
            Map<Path, Future<Outcome>> futures = new java.util.HashMap<>();
            targets.keySet().stream().sorted(java.util.Comparator.comparingLong(ImageBatch::size).reversed())
                    .forEach(in -> futures.put(in, pool.submit(() -> one(in, targets.get(in), chain, backend,
                            compressionLevel))));
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

    private static Outcome one(Path in, Path out, List<ImageStep> chain, Backend backend, int compressionLevel) {
        RgbaImage image;
        try {
            image = ImageFiles.read(in);
        } catch (IOException e) {
            return new Outcome(in, e.getMessage());
        }
        byte[] result = new byte[image.rgba().length];
        try {
            synchronized (backend) {
                backend.image(chain, image.width(), image.height(), image.rgba(), result);
            }
        } catch (UnsupportedOperationException e) {
            return new Outcome(in, e.getMessage());
        }
        try {
            ImageFiles.writePng(out, new RgbaImage(image.width(), image.height(), image.alpha(), result),
                    compressionLevel);
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
