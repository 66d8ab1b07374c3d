package dev.squall.cli;

import dev.squall.api.Engine;
import dev.squall.api.FileRender;
import dev.squall.api.Memory;
import dev.squall.api.OutputTarget;
import dev.squall.api.Shutdown;
import dev.squall.api.UnwritableTargetException;
import dev.squall.api.Verification;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code squall render mandelbrot}: parse, validate, choose the device(s), render in tiles streamed to the verifier
 * and the files (memory stays bounded whatever the size), write atomically. Nothing is written before every input
 * has been checked, and nothing at all when verification fails.
 */
@Command(name = "mandelbrot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render the Mandelbrot set: escape counts of z -> z^2 + c, exactly as the seed kernel.",
            "Row 0 of the image is YMIN: pass the top edge as YMIN (YMIN > YMAX) for a north-up image."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (device or I/O error)", "2:bad input (nothing written)",
            "3:--verify found pixels that differ from the Java reference (nothing written)"})
class MandelbrotCommand extends CommandBase implements Callable<Integer> {
    /** Mismatches shown when --verify fails. */
    private static final int SHOWN_MISMATCHES = 10;

    @Mixin
    MandelbrotOptions options;

    @Option(names = "--device", defaultValue = "auto",
            paramLabel = "auto|cpu|opencl|opencl:P:D|tornado[:N]|all|LIST",
            description = "Where to run (squall devices lists them). Default: ${DEFAULT-VALUE}: the best OpenCL "
                    + "device, else the CPU. all, or a list such as opencl:0:0,cpu: the devices share the tiles. "
                    + "tornado[:N]: through TornadoVM when installed (tornado-fast[:N]: its fast, inexact math).")
    String device;

    @Option(names = "--counts", paramLabel = "FILE", description = "Write raw counts: u32 little-endian, row-major,"
            + " W*H*4 bytes. - (or a FIFO, a device) is written as a stream; a file is replaced atomically.")
    Path counts;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Write a coloured PNG (never-escaping points"
            + " black). - writes it to standard output.")
    Path out;

    @Option(names = "--verify", description = "Recompute with the Java reference and compare bit for bit.")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        PrintWriter stderr = spec.commandLine().getErr();
        EscapeTime params = kernel();
        Consumer<String> notice = why -> stderr.println("squall: " + why);
        try (Engine engine = Engine.open(device, notice::accept, Squall.deviceDecorator)) {
            checkOutputs();
            checkSpace(params);
            // With the image on standard output, Squall's own lines go to stderr.
            PrintWriter stdout = isStandardOutput(out) || isStandardOutput(counts) ? stderr
                    : spec.commandLine().getOut();
            // The image is never held whole: tiles go, in order, to the verifier, the checksum and the files, each
            // file a temporary one renamed over its target only at the end, and only when verification (if asked)
            // passed.
            List<FileRender.Output> outputs = new ArrayList<>();
            if (counts != null) {
                outputs.add(new FileRender.Output(counts, FileRender.Format.COUNTS));
            }
            if (out != null) {
                outputs.add(new FileRender.Output(out, FileRender.Format.PNG));
            }
            Runnable stopped = () -> stderr.println("squall: stopped; nothing written"
                    + (counts != null || out != null ? " (files left as they were)" : ""));
            Shutdown.add(Shutdown.Step.CLEAN_UP, stopped);
            try (FileRender render = engine.renderTo(params, outputs, verify, SHOWN_MISMATCHES)) {
                FileRender.Summary result = render.summary();
                Verification verdict = render.verification();
                if (verdict != null) {
                    if (!verdict.identical()) {
                        stderr.printf(Locale.ROOT, "verify: %d of %d pixels differ from the Java reference (%s);"
                                + " nothing written. First differences:%n", verdict.mismatches(), verdict.pixels(),
                                arithmetic(params));
                        for (String m : verdict.first()) {
                            stderr.println("  " + m);
                        }
                        return Squall.EXIT_MISMATCH;
                    }
                    stdout.printf(Locale.ROOT, "verified: %s identical to the Java reference (%s, sum %d, crc32"
                            + " %08x)%n", verdict.sampled() ? String.format(Locale.ROOT, "%d of %d pixels (the"
                            + " first rows and a random sample)", verdict.pixels(), verdict.imagePixels())
                            : verdict.pixels() + " pixels", arithmetic(params), result.iterations(), result.crc32());
                }
                render.commit();
                stdout.printf(Locale.ROOT, "%s %dx%d %s max-iter %d on %s: %.3f s%s, %.3f Giter/s (%d iterations, %d"
                        + " tile%s)%n", name(params), params.width(), params.height(), arithmetic(params),
                        params.maxIter(), result.device(), result.seconds(), result.prepareSeconds() >= 0.0005
                                ? String.format(Locale.ROOT, " (+%.3f s build)", result.prepareSeconds()) : "",
                        result.giterPerSecond(), result.iterations(), result.tiles(), result.tiles() == 1 ? "" : "s");
                if (!result.details().isEmpty()) {
                    stdout.println("  " + result.details());
                }
                return 0;
            } finally {
                Shutdown.remove(Shutdown.Step.CLEAN_UP, stopped);
            }
        }
    }

    private static boolean isStandardOutput(Path path) {
        return path != null && OutputTarget.isStandardOutput(path);
    }

    /** The map this command iterates; each other formula's command says its own (and its options). */
    Formula formula() {
        return Formula.MANDELBROT;
    }

    /** The render: a view by rectangle (any formula), or by centre and zoom (the Mandelbrot set's deep zoom). */
    private EscapeTime kernel() {
        if (!options.deep()) {
            return options.params().withFormula(formula());
        }
        if (!(formula() instanceof Formula.Mandelbrot)) {
            throw new UsageException("--center and --zoom (deep zoom) are the Mandelbrot set's; give " + formula().name()
                    + " a --view");
        }
        return options.deepParams();
    }

    private static String name(EscapeTime params) {
        return params instanceof MandelbrotParams p ? p.formula().name() : "mandelbrot";
    }

    /** {@code f64}, {@code f32}, or {@code deep zoom 1.00E14} for a view by centre and zoom. */
    private static String arithmetic(EscapeTime params) {
        return params instanceof MandelbrotParams p ? p.precision().toString()
                : params instanceof DeepParams d ? d.name() + " " + d.view().zoom() : params.name();
    }

    /**
     * Every output must be writable before any work starts, so that a bad path costs nothing and writes nothing:
     * what each is (a file to replace, a stream, standard output) is decided here ({@link OutputTarget}).
     */
    private void checkOutputs() {
        if (out != null && !OutputTarget.isStream(out)
                && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out must name a .png file, got \"" + out + "\"");
        }
        OutputTarget png = target("--out", out);
        OutputTarget raw = target("--counts", counts);
        if (png != null && raw != null && png.kind() == raw.kind() && (png.kind() == OutputTarget.Kind.STANDARD_OUTPUT
                || png.kind() == OutputTarget.Kind.FILE && png.path().equals(raw.path()))) {
            throw new UsageException("--out and --counts name the same " + (png.kind() == OutputTarget.Kind.FILE
                    ? "file \"" + out + "\"" : "standard output"));
        }
        if (png != null && png.kind() == OutputTarget.Kind.FILE) {
            outFolder = png.path().getParent();
        }
        if (raw != null && raw.kind() == OutputTarget.Kind.FILE) {
            countsFolder = raw.path().getParent();
        }
    }

    /** The folders of the file outputs, for the space check; null for streams. */
    private Path outFolder;
    private Path countsFolder;

    private static OutputTarget target(String option, Path path) {
        if (path == null) {
            return null;
        }
        try {
            return OutputTarget.of(path);
        } catch (UnwritableTargetException e) {
            throw new UsageException(option + " " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException(option + " cannot be written: \"" + path + "\" (" + e.getMessage() + ")");
        }
    }

    /**
     * Refuses, before any work, a render that cannot finish: counts larger than the free space of their folder (the
     * file is written whole; a PNG's size is not known in advance), or rows too wide for memory (each device holds at
     * least one row of counts while the image streams through).
     */
    private void checkSpace(EscapeTime params) throws IOException {
        if (out != null && params.width() > Memory.PNG_MAX_WIDTH) {
            throw new UsageException(String.format(Locale.ROOT,
                    "--out PNG rows hold at most %d pixels (one Java array of RGB bytes), got --width %d",
                    Memory.PNG_MAX_WIDTH, params.width()));
        }
        long rowBytes = Memory.countsBytes(params.width(), 1);
        if (rowBytes * Memory.STREAMED_ROWS > Memory.available()) {
            throw new UsageException(String.format(Locale.ROOT,
                    "--width %d needs %s for each row of counts, too wide for the %s of memory available",
                    params.width(), Memory.size(rowBytes), Memory.size(Memory.available())));
        }
        if (params instanceof MandelbrotParams direct) {    // a deep zoom's coordinates are exact, not arrays
            Memory.shortfall(direct, out != null, false).ifPresent(why -> {
                throw new UsageException(String.format(Locale.ROOT, "--width %d x --height %d %s", params.width(),
                        params.height(), why));
            });
        }
        if (countsFolder != null) {
            long need = Memory.countsBytes(params.width(), params.height());
            Path folder = countsFolder;
            FileStore store = Files.getFileStore(folder);
            long free = store.getUsableSpace();
            if (store.getTotalSpace() > 0 && need > free) {    // pseudo file systems (sysfs) have no size: unknown
                throw new UsageException(String.format(Locale.ROOT,
                        "--counts of %d x %d needs %s, more than the %s free in \"%s\"",
                        params.width(), params.height(), Memory.size(need), Memory.size(free), folder));
            }
        }
    }
}
