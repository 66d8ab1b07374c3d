package dev.squall.cli;

import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.imageio.CountsFile;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.host.verify.Mismatch;
import dev.squall.host.verify.Verdict;
import dev.squall.host.verify.Verifier;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code squall render mandelbrot}: parse, validate, choose a device, render in bands, verify (optional), write
 * atomically. Nothing is written before every input has been checked, and nothing at all when verification fails.
 */
@Command(name = "mandelbrot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render the Mandelbrot set: escape counts of z -> z^2 + c, exactly as the seed kernel.",
            "Row 0 of the image is YMIN: pass the top edge as YMIN (YMIN > YMAX) for a north-up image."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (device or I/O error)", "2:bad input (nothing written)",
            "3:--verify found pixels that differ from the Java reference (nothing written)"})
final class MandelbrotCommand implements Callable<Integer> {
    /** Mismatches shown when --verify fails. */
    private static final int SHOWN_MISMATCHES = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Mixin
    MandelbrotOptions options;

    @Option(names = "--counts", paramLabel = "FILE", description = "Write raw counts: u32 little-endian, row-major, W*H*4 bytes.")
    Path counts;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Write a coloured PNG (never-escaping points black).")
    Path out;

    @Option(names = "--verify", description = "Recompute with the Java reference and compare bit for bit.")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        MandelbrotParams params = options.params();
        DeviceSpec deviceSpec = options.deviceSpec();
        checkOutputs();
        options.checkMemory(params);

        Consumer<String> notice = why -> stderr.println("squall: " + why);
        RenderResult result = DeviceSelector.runAll(deviceSpec, params.precision(), OpenCl.probe(), notice,
                backends -> MandelbrotRenderer.render(backends, params, Schedule.DEFAULT, DeviceSelector::cpu,
                        notice));
        try (CountsBuffer image = result.counts()) {
            if (verify) {
                Verdict verdict = Verifier.mandelbrot(image, params, SHOWN_MISMATCHES);
                if (!verdict.identical()) {
                    stderr.printf(Locale.ROOT, "verify: %d of %d pixels differ from the Java reference (%s);"
                            + " nothing written. First differences:%n", verdict.mismatches(), verdict.pixels(),
                            params.precision());
                    for (Mismatch m : verdict.first()) {
                        stderr.println("  " + m);
                    }
                    return Squall.EXIT_MISMATCH;
                }
                stdout.printf(Locale.ROOT, "verified: %d pixels identical to the Java reference (%s, sum %d, crc32 %08x)%n",
                        verdict.pixels(), params.precision(), result.iterations(), image.crc32());
            }
            if (counts != null) {
                CountsFile.write(counts, image);
            }
            if (out != null) {
                MandelbrotPng.write(out, image, params.maxIter());
            }
        }
        stdout.printf(Locale.ROOT, "mandelbrot %dx%d %s max-iter %d on %s: %.3f s%s, %.3f Giter/s (%d iterations, %d tile%s)%n",
                params.width(), params.height(), params.precision(), params.maxIter(), result.device(), result.seconds(),
                result.prepareSeconds() >= 0.0005
                        ? String.format(Locale.ROOT, " (+%.3f s build)", result.prepareSeconds()) : "",
                result.giterPerSecond(), result.iterations(), result.bands(), result.bands() == 1 ? "" : "s");
        return 0;
    }

    /** Every output must be writable before any work starts, so that a bad path costs nothing and writes nothing. */
    private void checkOutputs() {
        if (out != null && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out must name a .png file, got \"" + out + "\"");
        }
        if (out != null && counts != null && out.toAbsolutePath().normalize().equals(counts.toAbsolutePath().normalize())) {
            throw new UsageException("--out and --counts name the same file \"" + out + "\"");
        }
        checkWritable("--out", out);
        checkWritable("--counts", counts);
    }

    private static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new UsageException(option + " folder does not exist: \"" + folder + "\"");
        }
        if (!Files.isWritable(folder)) {
            throw new UsageException(option + " folder is not writable: \"" + folder + "\"");
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + " names a folder, not a file: \"" + file + "\"");
        }
    }
}
