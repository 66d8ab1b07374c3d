package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.bench.MandelbrotBench;
import dev.squall.host.bench.MandelbrotBenchReport;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.opencl.OpenCl;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall bench mandelbrot}: warm-up runs, then the median of measured whole renders, as text or JSON. */
@Command(name = "mandelbrot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time whole Mandelbrot renders (transfers included): median, spread, stage times.")
final class BenchMandelbrotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Mixin
    MandelbrotOptions options;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Measured runs. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Runs before measuring, discarded. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--no-cycle-shortcut", description = "Run every orbit to escape or max-iter (to measure the shortcut).")
    boolean noCycleShortcut;

    @Option(names = "--opencl-variant", defaultValue = "auto", paramLabel = "auto|scalar|simd",
            description = "OpenCL kernel: simd on CPU devices and scalar elsewhere (auto), or forced.")
    String variant;

    @Option(names = "--json", description = "One JSON object on stdout instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MandelbrotParams params = options.params();
        var deviceSpec = options.singleDeviceSpec();
        if (runs < 1) {
            throw new InvalidParameterException("runs", runs, "at least 1");
        }
        if (warmup < 0) {
            throw new InvalidParameterException("warmup", warmup, "0 or more");
        }
        Schedule.OpenClVariant openClVariant = switch (variant) {
            case "auto" -> Schedule.OpenClVariant.AUTO;
            case "scalar" -> Schedule.OpenClVariant.SCALAR;
            case "simd" -> Schedule.OpenClVariant.SIMD;
            default -> throw new InvalidParameterException("opencl-variant", '"' + variant + '"', "auto, scalar or simd");
        };
        options.checkMemory(params);
        Schedule schedule = new Schedule(!noCycleShortcut, openClVariant);
        MandelbrotBenchReport report;
        try (Backend backend = DeviceSelector.open(deviceSpec, params.precision(), OpenCl.probe(),
                why -> err.println("squall: " + why))) {
            report = MandelbrotBench.run(backend, params, schedule, warmup, runs, variant);
        }
        if (json) {
            out.println(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            print(out, report);
        }
        return 0;
    }

    private static void print(PrintWriter out, MandelbrotBenchReport r) {
        out.printf(Locale.ROOT, "mandelbrot %dx%d %s max-iter %d on %s%n", r.width(), r.height(), r.precision(),
                r.maxIter(), r.deviceName());
        out.printf(Locale.ROOT, "  median %.4f s (min %.4f, max %.4f) over %d runs after %d warm-up%n",
                r.secondsMedian(), r.secondsMin(), r.secondsMax(), r.runs(), r.warmupRuns());
        out.printf(Locale.ROOT, "  %.3f Giter/s effective (%d iterations in the counts)%n", r.giterPerS(),
                r.iterations());
        out.printf(Locale.ROOT, "  %.3f Giter/s executed (%d iterations run; cycle shortcut %s)%n",
                r.executedGiterPerS(), r.executedIterations(), r.cycleShortcut() ? "on" : "off");
        var s = r.stages();
        out.printf(Locale.ROOT, "  build %.4f s once; per run: upload %.4f s, kernel %.4f s, download %.4f s%n",
                s.buildS(), s.uploadS(), s.kernelS(), s.downloadS());
        var e = r.environment();
        out.printf(Locale.ROOT, "  %s, %d cores, %s; Java %s%n", e.cpu(), e.cores(), e.os(), e.jvm());
    }
}
