package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.api.bench.Bench;
import dev.squall.api.bench.DeepBenchReport;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.api.bench.Figure;
import dev.squall.api.bench.MandelbrotBenchReport;
import dev.squall.host.Schedule;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.peak.PeakKernels;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code squall bench mandelbrot}: warm-up runs, then the median of measured whole renders, as text or JSON. */
@Command(name = "mandelbrot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time whole Mandelbrot renders (transfers included): median, spread, stage times.")
class BenchMandelbrotCommand extends BenchBase implements Callable<Integer> {

    @Mixin
    MandelbrotOptions options;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|opencl|opencl:P:D|tornado[:N]",
            description = "The one device to measure (squall devices lists them). Default: ${DEFAULT-VALUE}: the best"
                    + " OpenCL device, else the CPU.")
    String device;

    @Option(names = "--no-cycle-shortcut", description = "Run every orbit to escape or max-iter (to measure the shortcut).")
    boolean noCycleShortcut;

    @Option(names = "--opencl-variant", defaultValue = "auto", paramLabel = "auto|scalar|simd",
            description = "OpenCL kernel: simd on CPU devices and scalar elsewhere (auto), or forced.")
    String variant;

    @Option(names = "--tornado-api", defaultValue = "parallel", paramLabel = "parallel|kernel-context",
            description = "TornadoVM devices: @Parallel loops (TornadoVM sizes the work-groups) or KernelContext"
                    + " (Squall does).")
    String tornadoApi;

    @Option(names = "--json", description = "One JSON object on stdout instead of text.")
    boolean json;

    @Option(names = "--against-peak", description = "Also measure the OpenCL device's multiply-add peak in the same"
            + " precision (as bench device does) and report the fraction of it the render reached.")
    boolean againstPeak;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (options.deep() && formula() instanceof Formula.Mandelbrot) {
            return deep(out, err);
        }
        MandelbrotParams params = options.params().withFormula(formula());
        boolean openCl = Bench.isOpenCl(device);
        repeat.check();
        Schedule.OpenClVariant openClVariant = switch (variant) {
            case "auto" -> Schedule.OpenClVariant.AUTO;
            case "scalar" -> Schedule.OpenClVariant.SCALAR;
            case "simd" -> Schedule.OpenClVariant.SIMD;
            default -> throw new InvalidParameterException("opencl-variant", '"' + variant + '"', "auto, scalar or simd");
        };
        Schedule.TornadoApi api = switch (tornadoApi) {
            case "parallel" -> Schedule.TornadoApi.PARALLEL;
            case "kernel-context" -> Schedule.TornadoApi.KERNEL_CONTEXT;
            default -> throw new InvalidParameterException("tornado-api", '"' + tornadoApi + '"',
                    "parallel or kernel-context");
        };
        options.checkMemory(params);
        if (againstPeak && !(params.formula() instanceof Formula.Mandelbrot)) {
            throw new UsageException("--against-peak counts the flops of the Mandelbrot loop; "
                    + params.formula().name() + " has its own (bench mandelbrot --against-peak measures the device)");
        }
        if (againstPeak && !openCl) {
            throw new UsageException("--against-peak needs --device opencl or opencl:P:D (an OpenCL device's peak is"
                    + " measured; the Java CPU backend has none), got --device " + device);
        }
        Schedule schedule = new Schedule(!noCycleShortcut, openClVariant, api);
        MandelbrotBenchReport report;
        report = Bench.render(device, params, schedule, repeat.warmup, repeat.runs, variant,
                why -> err.println("squall: " + why));
        Figure peak = againstPeak ? Bench.multiplyAddPeak(report.device(), params.precision()) : null;
        double flops = (double) report.executedIterations() * PeakKernels.MANDELBROT_FLOPS_PER_ITERATION
                / report.secondsMedian() / 1e9;
        if (json) {
            ObjectMapper mapper = BenchJson.mapper();
            ObjectNode node = mapper.valueToTree(report);
            if (peak != null) {
                node.put("flops_per_iteration", PeakKernels.MANDELBROT_FLOPS_PER_ITERATION);
                node.put("executed_gflops", flops);
                node.putPOJO("device_peak_gflops", peak);
                node.put("peak_fraction", flops / peak.median());
            }
            out.println(mapper.writeValueAsString(node));
        } else {
            print(out, report);
            if (peak != null) {
                out.printf(Locale.ROOT, "  %.1f GFLOP/s executed (%d flops an iteration): %.1f %% of the device's"
                        + " measured %s multiply-add peak, %.1f GFLOP/s (%.1f-%.1f)%n", flops,
                        PeakKernels.MANDELBROT_FLOPS_PER_ITERATION, 100 * flops / peak.median(), params.precision(),
                        peak.median(), peak.min(), peak.max());
            }
        }
        return 0;
    }

    /** A deep-zoom view (--center, --zoom): on the CPU backend or one OpenCL device. */
    private int deep(PrintWriter out, PrintWriter err) throws Exception {
        DeepParams params = options.deepParams();
        repeat.check();
        if (noCycleShortcut || againstPeak || !variant.equals("auto") || !tornadoApi.equals("parallel")) {
            throw new UsageException("--no-cycle-shortcut, --against-peak, --opencl-variant and --tornado-api are"
                    + " not for deep zoom (--center)");
        }
        DeepBenchReport r = Bench.deep(device, params, repeat.warmup, repeat.runs,
                why -> err.println("squall: " + why));
        if (json) {
            ObjectNode node = BenchJson.mapper().valueToTree(r);
            node.put("giter_per_s", r.giterPerS());
            out.println(BenchJson.mapper().writeValueAsString(node));
            return 0;
        }
        out.printf(Locale.ROOT, "mandelbrot %dx%d %s %s max-iter %d on %s%n", r.width(), r.height(), params.name(),
                params.viewLabel(), r.maxIter(), r.device());
        if (params.fast()) {
            out.printf(Locale.ROOT, "  --deep fast: %d pixels' counts kept unproven%n", r.unprovenPixels());
        }
        out.printf(Locale.ROOT, "  median %.4f s (min %.4f, max %.4f) over %d runs after %d warm-up; first run %.4f s%n",
                r.secondsMedian(), r.secondsMin(), r.secondsMax(), r.runs(), r.warmupRuns(), r.firstRunS());
        out.printf(Locale.ROOT, "  per run (medians): reference orbit %.4f s (%d steps, %d bits), bilinear table %.4f s,"
                + " pixels %.4f s (%s deltas), double-double %.4f s (%d pixels), oracle %.4f s (%d pixels)%n",
                r.orbitS(), r.orbitSteps(), r.orbitBits(), r.tableS(), r.pixelsS(), r.arithmetic(), r.doubleDoubleS(),
                r.doubleDoublePixels(), r.oracleS(), r.oraclePixels());
        out.printf(Locale.ROOT, "  %.3f Giter/s effective (%d iterations in the counts; %d jumps skipping %d, %d"
                + " steps); counts crc32 %s%n", r.giterPerS(), r.iterations(), r.blaJumps(), r.blaSkipped(),
                r.steps(), r.crc32());
        var e = r.environment();
        out.printf(Locale.ROOT, "  %s, %d cores, %s; Java %s%n", e.cpu(), e.cores(), e.os(), e.jvm());
        return 0;
    }

    /** The map this command times; each other formula's command says its own. */
    Formula formula() {
        return Formula.MANDELBROT;
    }

    private static void print(PrintWriter out, MandelbrotBenchReport r) {
        out.printf(Locale.ROOT, "%s %dx%d %s max-iter %d on %s%n", r.kernel(), r.width(), r.height(), r.precision(),
                r.maxIter(), r.deviceName());
        out.printf(Locale.ROOT, "  median %.4f s (min %.4f, max %.4f) over %d runs after %d warm-up%n",
                r.secondsMedian(), r.secondsMin(), r.secondsMax(), r.runs(), r.warmupRuns());
        out.printf(Locale.ROOT, "  %.3f Giter/s effective (%d iterations in the counts)%n", r.giterPerS(),
                r.iterations());
        out.printf(Locale.ROOT, "  %.3f Giter/s executed (%d iterations run; cycle shortcut %s)%n",
                r.executedGiterPerS(), r.executedIterations(), r.cycleShortcut() ? "on" : "off");
        var s = r.stages();
        out.printf(Locale.ROOT, "  build %.4f s once, first run %.4f s (with any compiling on first launch); per run:"
                + " upload %.4f s, kernel %.4f s, download %.4f s%n", s.buildS(), s.firstRunS(), s.uploadS(),
                s.kernelS(), s.downloadS());
        var e = r.environment();
        out.printf(Locale.ROOT, "  %s, %d cores, %s; Java %s%n", e.cpu(), e.cores(), e.os(), e.jvm());
    }
}
