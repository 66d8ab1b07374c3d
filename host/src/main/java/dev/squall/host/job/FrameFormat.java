package dev.squall.host.job;

import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.imageio.CountsFile;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.host.imageio.NpyFile;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a job writes each frame, named as in the job file's {@code output.format}. */
public enum FrameFormat {
    /** The coloured PNG of {@code render --out}. */
    PNG("png"),
    /** The raw counts of {@code render --counts}: u32 little-endian, row-major, no header. */
    COUNTS("u32"),
    /** The same counts as a NumPy array: dtype {@code <u4}, shape (height, width). */
    NPY("npy");

    private final String extension;

    FrameFormat(String extension) {
        this.extension = extension;
    }

    /** The name the job file uses: {@code png}, {@code counts}, {@code npy}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code frame-00042.u32}: five digits, more only past 99999 frames, so names sort in frame order. */
    public String fileName(int frame) {
        return String.format(Locale.ROOT, "frame-%05d.%s", frame, extension);
    }

    AtomicFile.Content content(CountsBuffer counts, int maxIter) {
        return switch (this) {
            case PNG -> MandelbrotPng.content(counts, maxIter);
            case COUNTS -> CountsFile.content(counts);
            case NPY -> NpyFile.content(counts);
        };
    }

    public static Optional<FrameFormat> parse(String label) {
        return Arrays.stream(values()).filter(f -> f.label().equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(FrameFormat::label).collect(Collectors.joining(", "));
    }
}
