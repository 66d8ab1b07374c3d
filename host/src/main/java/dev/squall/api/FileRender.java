package dev.squall.api;

import dev.squall.host.render.RenderResult;
import dev.squall.host.render.StreamedRender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A render streamed into its outputs ({@link Engine#renderTo}): the files are written but not yet in place. Each
 * waits as a temporary file beside its target until {@link #commit} renames it over the target; {@link #close}
 * without a commit removes them and leaves the targets as they were (what to do when {@link #verification} found a
 * difference).
 */
public final class FileRender implements AutoCloseable {
    /**
     * One output of a render.
     *
     * @param path a file (replaced atomically), a FIFO or device (written as a stream), or {@code -} (standard
     *     output); see {@link OutputTarget}
     * @param format what is written there
     */
    public record Output(Path path, Format format) {
        /** Checks both. */
        public Output {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
        }
    }

    /** What an output holds. */
    public enum Format {
        /** The counts as they are: u32 little-endian, row-major, {@code width * height * 4} bytes. */
        COUNTS,
        /** A NumPy {@code .npy} array of the counts ({@code <u4}, height x width). */
        NPY,
        /** A coloured PNG: never-escaping points black. */
        PNG
    }

    private final StreamedRender.Result result;
    private final Verification verification;

    FileRender(StreamedRender.Result result, Verification verification) {
        this.result = result;
        this.verification = verification;
    }

    /** {@return every pixel against the reference, or null when the render was not verified} */
    public Verification verification() {
        return verification;
    }

    /** {@return what the render cost and its checksum} */
    public Summary summary() {
        RenderResult r = result.render();
        return new Summary(r.device(), r.bands(), r.seconds(), r.prepareSeconds(), r.iterations(), result.crc32(),
                r.report());
    }

    /**
     * What a render cost.
     *
     * @param device the device that rendered it, or each device with its number of tiles
     * @param tiles how many tiles the image was cut into
     * @param seconds the render's time, transfers included, program builds excluded
     * @param prepareSeconds the program builds' time
     * @param iterations the sum of all counts
     * @param crc32 the CRC-32 of the counts, u32 little-endian, row-major (as the counts file holds them)
     * @param details what the kernel's runs said of themselves (a deep zoom's reference orbit, table and pixels
     *     recomputed at higher precision), or empty
     */
    public record Summary(String device, int tiles, double seconds, double prepareSeconds, long iterations,
            long crc32, String details) {
        /** {@return billions of iterations per second: the sum of counts over the render's time} */
        public double giterPerSecond() {
            return iterations / seconds / 1e9;
        }
    }

    /**
     * Renames every output over its target.
     *
     * @throws IOException when a rename fails
     */
    public void commit() throws IOException {
        result.commit();
    }

    /**
     * Removes the outputs not committed; their targets stay as they were.
     *
     * @throws IOException when a temporary file cannot be removed
     */
    @Override
    public void close() throws IOException {
        result.close();
    }
}
