package dev.squall.cli;

import dev.squall.api.Memory;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options that describe one Mandelbrot image and where to compute it, shared by {@code render} and
 * {@code bench}. Kept as text until {@link #params()}, so that every bad value gets the same one-line message.
 */
final class MandelbrotOptions {
    @Option(names = "--width", required = true, paramLabel = "W", description = "Image width in pixels.")
    String width;

    @Option(names = "--height", required = true, paramLabel = "H", description = "Image height in pixels.")
    String height;

    @Option(names = "--view", required = true, paramLabel = "XMIN,XMAX,YMIN,YMAX",
            description = "The rectangle of the complex plane; row 0 is YMIN.")
    String view;

    @Option(names = "--max-iter", required = true, paramLabel = "N",
            description = "Iterations before a point counts as inside.")
    String maxIter;

    @Option(names = "--precision", defaultValue = "f64", paramLabel = "f64|f32",
            description = "Arithmetic: f64 (the seed's) or f32 (faster, its own reference). Default: ${DEFAULT-VALUE}.")
    String precision;

    MandelbrotParams params() {
        return new MandelbrotParams(integer("width", width, "a positive integer"),
                integer("height", height, "a positive integer"), View.parse(view),
                integer("max-iter", maxIter, "at least 1"), Precision.parse(precision));
    }

    /**
     * Refuses, before any work, an image this process cannot hold whole: its counts against the memory available,
     * its coordinates against the heap ({@link Memory#shortfall}).
     */
    void checkMemory(MandelbrotParams params) {
        Memory.shortfall(params, false, true).ifPresent(why -> {
            throw new UsageException(String.format(Locale.ROOT, "--width %d x --height %d %s", params.width(),
                    params.height(), why));
        });
    }

    /** Parses an integer option; the range itself is checked by the parameter record. */
    private static int integer(String name, String text, String allowed) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            boolean tooLarge = text.strip().matches("[+-]?\\d+");
            throw new InvalidParameterException(name, text, tooLarge ? allowed + " up to " + Integer.MAX_VALUE : allowed);
        }
    }
}
