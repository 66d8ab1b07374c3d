package dev.squall.cli;

import dev.squall.api.Engine;
import dev.squall.api.bench.Bench;
import dev.squall.api.bench.Environment;
import dev.squall.api.bench.SweepReport;

import dev.squall.api.bench.Environment;
import dev.squall.api.bench.SweepReport;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code squall bench sweep}: a kernel's throughput against image size, per device and precision, as JSON, a table, a chart. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Throughput of a kernel against image size (size x size) per device and precision: median and"
                + " spread of --runs after --warmup; a PNG chart with --plot.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:a device or I/O failure", "2:bad option (nothing measured or written)"})
final class BenchSweepCommand extends BenchBase implements Callable<Integer> {
    /** Largest side: a brightness image is one Java array of RGBA bytes. */
    static final int MAX_SIZE = 16_384;

    @Option(names = "--kernel", required = true,
            paramLabel = "mandelbrot|julia|burning-ship|tricorn|multibrot|brightness", description = "What to run.")
    String kernel;

    @Option(names = "--c", paramLabel = "CR,CI", description = "julia's constant (julia only).")
    String c;

    @Option(names = "--power", paramLabel = "D", description = "multibrot's power, 2 to 16 (multibrot only).")
    String power;

    @Option(names = "--sizes", defaultValue = "256,512,1024,2048", paramLabel = "N,N,...",
            description = "Image sides, each image N x N. Default: ${DEFAULT-VALUE}.")
    String sizes;

    @Option(names = "--max-iter", defaultValue = "1000", paramLabel = "N",
            description = "Mandelbrot only, on the seed's view -2.5,1,-1,1. Default: ${DEFAULT-VALUE}.")
    int maxIter;

    @Option(names = "--precision", defaultValue = "f64", paramLabel = "f64|f32|f64,f32",
            description = "Mandelbrot only: one series per precision. Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--device", defaultValue = "auto",
            paramLabel = "auto|cpu|opencl|opencl:P:D|tornado[:N]|all|LIST",
            description = "One series per device (squall devices lists them). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--plot", paramLabel = "CHART.png", description = "Also draw the sweep as a PNG line chart.")
    Path plot;

    @Option(names = "--json", description = "One JSON object on stdout instead of a table.")
    boolean json;

    /** The formula --kernel names, with --c or --power where it takes one (and only there). */
    private Formula formula() {
        if (c != null && !kernel.equals("julia")) {
            throw new UsageException("--c is julia's constant; --kernel is " + kernel);
        }
        if (power != null && !kernel.equals("multibrot")) {
            throw new UsageException("--power is multibrot's; --kernel is " + kernel);
        }
        return switch (kernel) {
            case "julia" -> {
                if (c == null) {
                    throw new UsageException("--kernel julia needs --c CR,CI");
                }
                yield Formula.Julia.parse(c);
            }
            case "multibrot" -> {
                if (power == null) {
                    throw new UsageException("--kernel multibrot needs --power D");
                }
                yield Formula.Multibrot.parse(power);
            }
            case "burning-ship" -> new Formula.BurningShip();
            case "tricorn" -> new Formula.Tricorn();
            default -> Formula.MANDELBROT;
        };
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean mandelbrot = !kernel.equals("brightness");
        if (mandelbrot && !Formula.names().contains(kernel)) {
            throw new InvalidParameterException("kernel", '"' + kernel + '"', "one of "
                    + String.join(", ", Formula.names()) + " or brightness");
        }
        Formula formula = formula();
        List<Integer> sides = sides();
        List<Precision> precisions = new ArrayList<>();
        for (String p : precision.split(",", -1)) {
            Precision parsed = Precision.parse(p.strip());
            if (precisions.contains(parsed)) {
                throw new InvalidParameterException("precision", '"' + precision + '"', "f64, f32 or f64,f32");
            }
            precisions.add(parsed);
        }
        if (maxIter < 1) {
            throw new InvalidParameterException("max-iter", maxIter, "at least 1");
        }
        repeat.check();
        Engine.checkDevices(device);
        if (plot != null) {
            if (!plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new UsageException("--plot must name a .png file, got \"" + plot + "\"");
            }
            Path folder = plot.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                throw new UsageException("--plot folder does not exist: \"" + folder + "\"");
            }
        }

        List<SweepReport.Series> series = new ArrayList<>();
        for (Precision p : mandelbrot ? precisions : List.of(Precision.F32)) {
            series.addAll(Bench.sweep(device, mandelbrot ? formula : null, p, sides, maxIter, repeat.warmup,
                    repeat.runs, why -> err.println("squall: " + why)));
        }
        SweepReport report = new SweepReport(kernel, mandelbrot ? "Giter/s" : "Mpixel/s", mandelbrot ? maxIter : 0,
                sides, series, repeat.warmup, repeat.runs, Environment.current());
        if (plot != null) {
            Bench.writeChart(report, plot);
        }
        if (json) {
            out.println(BenchJson.mapper().writeValueAsString(report));
        } else {
            print(out, report);
        }
        return 0;
    }

    private List<Integer> sides() {
        List<Integer> sides = new ArrayList<>();
        for (String part : sizes.split(",", -1)) {
            int side;
            try {
                side = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                side = -1;
            }
            if (side < 1 || side > MAX_SIZE || sides.contains(side)) {
                throw new InvalidParameterException("sizes", '"' + sizes + '"',
                        "a list of distinct sides from 1 to " + MAX_SIZE + " such as 256,512,1024");
            }
            sides.add(side);
        }
        return sides;
    }

    private static void print(PrintWriter out, SweepReport r) {
        out.printf(Locale.ROOT, "%s%s, %s (median, min-max of %d runs after %d warm-up)%n", r.kernel(),
                !r.kernel().equals("brightness") ? " max-iter " + r.maxIter() + " view -2.5,1,-1,1" : " (seed)",
                r.unit(), r.runs(), r.warmupRuns());
        out.printf(Locale.ROOT, "%-28s", "size");
        r.sizes().forEach(s -> out.printf(Locale.ROOT, " %26s", s + "x" + s));
        out.println();
        for (SweepReport.Series s : r.series()) {
            out.printf(Locale.ROOT, "%-28s", s.device() + " " + s.label());
            s.points().forEach(p -> out.printf(Locale.ROOT, " %26s", String.format(Locale.ROOT, "%.3f (%.3f-%.3f)",
                    p.rate().median(), p.rate().min(), p.rate().max())));
            out.println();
            if (s.devicePeakGflops() != null) {
                out.printf(Locale.ROOT, "%-28s", "  of the peak (%.1f GFLOP/s)".formatted(s.devicePeakGflops().median()));
                s.points().forEach(p -> out.printf(Locale.ROOT, " %26s", "%.1f %%".formatted(100 * p.peakFraction())));
                out.println();
            }
        }
    }
}
