package dev.squall.api;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.imageio.CountsFile;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A rendered image held in native memory: its escape counts, how long it took and where it ran. Close it to free
 * the memory (a 1920x1080 image holds 8 MiB).
 */
public final class Render implements AutoCloseable {
    private final MandelbrotParams params;
    private final CountsBuffer counts;
    private final String device;
    private final double seconds;
    private final long iterations;

    Render(MandelbrotParams params, CountsBuffer counts, String device, double seconds, long iterations) {
        this.params = params;
        this.counts = counts;
        this.device = device;
        this.seconds = seconds;
        this.iterations = iterations;
    }

    /** {@return what was rendered: size, view, iterations, precision and formula} */
    public MandelbrotParams params() {
        return params;
    }

    /** {@return where it ran: a device's label, or the ids of several joined by {@code " + "}} */
    public String device() {
        return device;
    }

    /** {@return the seconds the render took, transfers included, program builds not counted} */
    public double seconds() {
        return seconds;
    }

    /**
     * The escape count of pixel ({@code x}, {@code y}); row 0 is the view's {@code yMin}.
     *
     * @param x the column, from 0 to {@code width - 1}
     * @param y the row, from 0 to {@code height - 1}
     * @return the count, from 0 to {@code maxIter} (a u32, hence a long)
     * @throws IndexOutOfBoundsException when ({@code x}, {@code y}) is outside the image
     */
    public long count(int x, int y) {
        if (x < 0 || x >= params.width() || y < 0 || y >= params.height()) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") is outside " + params.width() + "x"
                    + params.height());
        }
        return counts.get((long) y * params.width() + x);
    }

    /** {@return the sum of all counts: the iterations the image stands for} */
    public long sum() {
        return iterations;
    }

    /**
     * {@return the CRC-32 of the counts as a counts file holds them (u32 little-endian, row-major), as 8 lower-case hex
     * digits}
     */
    public String crc32() {
        return String.format("%08x", counts.crc32());
    }

    /**
     * Writes the counts (u32 little-endian, row-major, no header) to {@code file}, atomically.
     *
     * @param file where to write: a regular file is replaced whole (readers see the old content or all of the new),
     *     a FIFO or character device is written as a stream
     * @throws EngineException when the file cannot be written; its message says why
     */
    public void writeCounts(Path file) {
        try {
            CountsFile.write(file, counts);
        } catch (IOException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Writes the coloured PNG of {@code squall render --out} to {@code file}, atomically.
     *
     * @param file where to write: a regular file is replaced whole (readers see the old content or all of the new),
     *     a FIFO or character device is written as a stream
     * @throws EngineException when the file cannot be written; its message says why
     */
    public void writePng(Path file) {
        try {
            MandelbrotPng.write(file, counts, params.maxIter());
        } catch (IOException e) {
            throw new EngineException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new EngineException(e.getCause().getMessage(), e);
        }
    }

    CountsBuffer buffer() {
        return counts;
    }

    /** Frees the counts. */
    @Override
    public void close() {
        counts.close();
    }
}
