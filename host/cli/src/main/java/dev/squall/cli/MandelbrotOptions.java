package dev.squall.cli;

import dev.squall.api.Memory;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepView;
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

    @Option(names = "--view", paramLabel = "XMIN,XMAX,YMIN,YMAX",
            description = "The rectangle of the complex plane; row 0 is YMIN.")
    String view;

    @Option(names = "--center", paramLabel = "RE,IM", description = "Deep zoom (render mandelbrot, instead of"
            + " --view): the centre, two decimal numbers of any length. Row 0 is the top.")
    String center;

    @Option(names = "--zoom", paramLabel = "Z", description = "Deep zoom, with --center: a decimal number of any"
            + " size (1e300, 4.0E533); the image's height spans 4/Z.")
    String zoom;

    @Option(names = "--deep", paramLabel = "exact|fast", description = "Deep zoom, with --center: exact (every count"
            + " proven, recomputed at higher precision where the error bound cannot decide; the default) or fast"
            + " (such counts kept as the double loop gives them: no recomputation, counts may differ from the exact"
            + " ones; --verify measures by how many).")
    String deepMode;

    @Option(names = "--max-iter", required = true, paramLabel = "N",
            description = "Iterations before a point counts as inside.")
    String maxIter;

    @Option(names = "--precision", paramLabel = "f64|f32",
            description = "Arithmetic: f64 (the seed's) or f32 (faster, its own reference). Default: f64.")
    String precision;

    /** {@return whether the view is given by centre and zoom (deep zoom) rather than by a rectangle} */
    boolean deep() {
        return center != null || zoom != null;
    }

    /** The deep-zoom render: --center and --zoom, never with --view or --precision (its arithmetic is its own). */
    DeepParams deepParams() {
        if (view != null) {
            throw new UsageException("--view and --center/--zoom are two ways to give the view: give one");
        }
        if (center == null) {
            throw new UsageException("--zoom needs --center RE,IM");
        }
        if (zoom == null) {
            throw new UsageException("--center needs --zoom Z");
        }
        if (precision != null) {
            throw new UsageException("--precision is not for deep zoom (--center): its arithmetic is chosen for"
                    + " each render, every count exact");
        }
        String[] parts = center.split(",", -1);
        if (parts.length != 2) {
            throw new InvalidParameterException("center", '"' + center + '"', "two decimal numbers RE,IM");
        }
        boolean fast = switch (deepMode == null ? "exact" : deepMode) {
            case "exact" -> false;
            case "fast" -> true;
            default -> throw new InvalidParameterException("deep", '"' + deepMode + '"', "exact or fast");
        };
        return new DeepParams(integer("width", width, "a positive integer"),
                integer("height", height, "a positive integer"), integer("max-iter", maxIter, "at least 1"),
                DeepView.parse(parts[0], parts[1], zoom), fast);
    }

    MandelbrotParams params() {
        if (deepMode != null && !deep()) {
            throw new UsageException("--deep is for deep zoom: give --center and --zoom");
        }
        if (deep()) {
            throw new UsageException("--center and --zoom (deep zoom) are render mandelbrot's; give --view here");
        }
        if (view == null) {
            throw new UsageException("missing --view XMIN,XMAX,YMIN,YMAX (or, for render mandelbrot, --center and"
                    + " --zoom)");
        }
        return new MandelbrotParams(integer("width", width, "a positive integer"),
                integer("height", height, "a positive integer"), View.parse(view),
                integer("max-iter", maxIter, "at least 1"), Precision.parse(precision == null ? "f64" : precision));
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
