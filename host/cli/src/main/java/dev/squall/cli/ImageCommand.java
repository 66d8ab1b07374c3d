package dev.squall.cli;

import dev.squall.api.Engine;
import dev.squall.api.FileKind;
import dev.squall.api.ImageOutcome;
import dev.squall.api.ImageResults;
import dev.squall.api.OutputTarget;
import dev.squall.api.UnwritableTargetException;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageOps;
import dev.squall.kernels.image.ImageStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code squall image IN... --op NAME[=ARG] ... -o OUT}: a chain of operations on PNG and JPEG files, run stage by
 * stage on the chosen device with the image staying there between stages. Every argument is checked before anything is written; an input that cannot
 * be read is reported by name and skipped, the others are still written, and the exit code is 1 at the end.
 */
@Command(name = "image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply operations to images: PNG (1-16 bit, grey, RGB, RGBA, palette) and JPEG in, PNG out.",
            "The chain runs in one upload and one download a image; consecutive point operations in one pass.",
            "One input: OUT is the output file. Several: OUT is a folder (created), one NAME.png per input.",
            "Alpha is kept when the input has it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:some inputs could not be read (the others were written) or a device failed",
            "2:bad arguments (nothing written)",
            "3:--verify found pixels that differ from the Java reference (nothing written)"})
final class ImageCommand extends CommandBase implements Callable<Integer> {

    @Parameters(paramLabel = "IN", arity = "0..*", description = "Input images.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--op", paramLabel = "NAME[=ARG]", description = "An operation; repeat for a chain, applied in order.")
    List<String> ops = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Output file (one input) or folder (several).")
    Path out;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|opencl|opencl:P:D|tornado[:N]|all|LIST",
            description = "Where to run. Default: ${DEFAULT-VALUE}: a GPU or accelerator through OpenCL, else the CPU"
                    + " backend (an OpenCL CPU device would only add copies). A comma-separated list or all: the"
                    + " devices share each image's bands.")
    String device;

    @Option(names = "--png-level", defaultValue = "1", paramLabel = "0-9",
            description = "zlib level of the PNGs written (Sub filter). Default: ${DEFAULT-VALUE}, smaller than libvips's"
                    + " default output and much faster; 9 for the smallest files.")
    int pngLevel;

    @Option(names = "--verify", description = "Compare every image with the Java reference, byte for byte, before"
            + " anything is written; on any difference write nothing and exit 3.")
    boolean verify;

    @Option(names = "--jpeg-decoder", defaultValue = "auto", paramLabel = "auto|imageio",
            description = "JPEG decoder: libjpeg-turbo where installed, else ImageIO (auto), or ImageIO always."
                    + " Default: ${DEFAULT-VALUE}.")
    String jpegDecoder;

    @Option(names = "--list-ops", description = "List the operations with their arguments and exit.")
    boolean listOps;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (listOps) {
            for (String[] op : ImageOps.catalogue()) {
                stdout.printf(Locale.ROOT, "%-16s %s%n", op[0], op[1]);
            }
            return 0;
        }
        Engine.warmUpImages();    // while the arguments are checked and the first image decoded
        List<ImageStep> chain = ops.stream().map(ImageOps::parse).toList();
        Consumer<String> notice = line -> stderr.println("squall: " + line);
        try (Engine engine = Engine.open(device, notice::accept, Squall.deviceDecorator)) {
            Engine.JpegDecoder decoder = jpeg();
            if (pngLevel < 0 || pngLevel > 9) {
                throw new InvalidParameterException("png-level", pngLevel, "an integer from 0 to 9");
            }
            engine.check(Precision.F32);    // before plan() makes the -o folder
            Map<Path, Path> targets = plan(stderr);
            // With the image on standard output, Squall's own lines go to stderr.
            PrintWriter report = OutputTarget.isStandardOutput(out) ? stderr : stdout;
            String used = engine.imageDevices();
            try (ImageResults results = engine.images(targets, chain, verify, pngLevel, decoder)) {
                List<ImageOutcome> outcomes = results.outcomes();
                int failed = (int) outcomes.stream().filter(o -> o.problem() != null).count();
                if (verify && !verdict(outcomes, results, report, stderr)) {
                    return Squall.EXIT_MISMATCH;
                }
                int written = targets.size() - failed;
                report.printf(Locale.ROOT, "image: %d written, %d failed, on %s%n", written, failed, used);
                return failed == 0 ? 0 : Squall.EXIT_FAILED;
            }
        }
    }

    private Engine.JpegDecoder jpeg() {
        return switch (jpegDecoder) {
            case "auto" -> Engine.JpegDecoder.AUTO;
            case "imageio" -> Engine.JpegDecoder.IMAGEIO;
            default -> throw new InvalidParameterException("jpeg-decoder", '"' + jpegDecoder + '"', "auto or imageio");
        };
    }

    /**
     * With --verify: every image processed is compared with the Java reference before anything is written. All
     * identical: the verdict line, then every output is renamed into place. Any difference: how many and where, and
     * nothing is written at all (the pending outputs are removed).
     */
    private static boolean verdict(List<ImageOutcome> outcomes, ImageResults results, PrintWriter report,
            PrintWriter stderr) throws IOException {
        List<ImageOutcome> checked = outcomes.stream().filter(o -> o.problem() == null).toList();
        List<ImageOutcome> differ = checked.stream().filter(o -> o.differing() > 0).toList();
        if (!differ.isEmpty()) {
            stderr.printf(Locale.ROOT, "verify: %d of %d images differ from the Java reference; nothing written."
                    + " First differences:%n", differ.size(), checked.size());
            for (ImageOutcome o : differ) {
                stderr.printf(Locale.ROOT, "  %s: %d pixels, first %s%n", o.input(), o.differing(), o.first());
            }
            return false;    // the outputs waiting are removed when the results close
        }
        report.printf(Locale.ROOT, "verified: %d image%s identical to the Java reference%n", checked.size(),
                checked.size() == 1 ? "" : "s");
        results.commit();
        return true;
    }



    /** Input to output, decided and checked before any work: missing inputs and clashing names are usage errors. */
    private Map<Path, Path> plan(PrintWriter stderr) {
        if (inputs.isEmpty()) {
            throw new UsageException("image needs at least one input file");
        }
        if (out == null) {
            throw new UsageException("image needs -o OUT (a .png file for one input, a folder for several)");
        }
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            FileKind kind = FileKind.of(in);
            if (kind == FileKind.REGULAR) {
                files.add(in);
            } else if (kind == FileKind.MISSING) {
                throw new UsageException("input not found: \"" + in + "\"");
            } else if (kind == FileKind.FOLDER && inputs.size() > 1) {
                // A glob such as photos/* matches the folders beside the images: they are no input, only said.
                stderr.println("squall: skipping \"" + in + "\": a folder, not an image file");
            } else {
                throw new UsageException("input \"" + in + "\" is " + kind.label() + ", not an image file");
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("image needs at least one input file; those given are all folders");
        }
        Map<Path, Path> targets = new java.util.LinkedHashMap<>();
        if (inputs.size() == 1) {
            if (!OutputTarget.isStream(out) && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new UsageException("-o must name a .png file for one input, got \"" + out + "\"");
            }
            try {
                OutputTarget.of(out);
            } catch (UnwritableTargetException e) {
                throw new UsageException("-o " + e.getMessage());
            } catch (IOException e) {
                throw new UsageException("-o cannot be written: \"" + out + "\" (" + e.getMessage() + ")");
            }
            targets.put(files.get(0), out);
            return targets;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("-o must be a folder for several inputs, and \"" + out + "\" is a file");
        }
        Map<String, Path> byName = new HashMap<>();
        for (Path in : files) {
            String name = in.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String png = (dot > 0 ? name.substring(0, dot) : name) + ".png";
            Path earlier = byName.putIfAbsent(png, in);
            if (earlier != null) {
                throw new UsageException("\"" + earlier + "\" and \"" + in + "\" would both be written to " + png);
            }
            targets.put(in, out.resolve(png));
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UsageException("cannot create the folder -o \"" + out + "\": " + e.getMessage());
        }
        return targets;
    }
}
