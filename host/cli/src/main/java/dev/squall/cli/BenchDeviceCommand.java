package dev.squall.cli;

import dev.squall.api.bench.Bench;
import dev.squall.api.bench.DevicePeakReport;
import dev.squall.api.bench.Environment;
import dev.squall.api.bench.Figure;

import dev.squall.api.bench.DevicePeakReport;
import dev.squall.api.bench.Environment;
import dev.squall.api.bench.Figure;
import dev.squall.kernels.InvalidParameterException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code squall bench device}: each selected OpenCL device's own limits, measured as clpeak does. */
@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure OpenCL devices' limits as clpeak does: global memory bandwidth, host transfers, kernel"
            + " launch latency, fp32/fp64/int32 compute peaks; a host memory copy in the same run for reference."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:an OpenCL failure", "2:bad option, or no such OpenCL device"})
final class BenchDeviceCommand extends BenchBase implements Callable<Integer> {

    @Option(names = "--device", defaultValue = "all", paramLabel = "all|opencl|opencl:P:D|LIST",
            description = "OpenCL devices to measure (squall devices lists them). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--json", description = "One JSON object on stdout instead of a table.")
    boolean json;

    /** The JSON document: one report per device, and the machine. */
    record Result(List<DevicePeakReport> devices, Environment environment) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        repeat.check();
        List<DevicePeakReport> reports = Bench.devices(device, repeat.warmup, repeat.runs);
        if (json) {
            out.println(BenchJson.mapper().writeValueAsString(new Result(reports, Environment.current())));
        } else {
            reports.forEach(r -> print(out, r));
            Environment e = Environment.current();
            out.printf(Locale.ROOT, "%s, %d cores, %s; Java %s; median of %d runs after %d warm-up (min-max)%n",
                    e.cpu(), e.cores(), e.os(), e.jvm(), repeat.runs, repeat.warmup);
        }
        return 0;
    }

    private static void print(PrintWriter out, DevicePeakReport r) {
        var d = r.details();
        out.printf(Locale.ROOT, "%s: %s (%s, %d compute units; %s, driver %s)%n", r.device(), r.deviceName(),
                r.type(), r.computeUnits(), r.openclVersion(), r.driver());
        out.printf(Locale.ROOT, "  global memory bandwidth %s GB/s (best of float..float16, %d MiB copied;",
                range(d.copyGbpsByWidth().values().stream().max((a, b) -> Double.compare(a.median(), b.median()))
                        .orElseThrow()), d.bufferBytes() >> 20);
        for (Map.Entry<String, Figure> e : d.copyGbpsByWidth().entrySet()) {
            out.printf(Locale.ROOT, " %s %.1f", e.getKey(), e.getValue().median());
        }
        out.println(")");
        out.printf(Locale.ROOT, "  host copy (Java, same size)  %s GB/s%n", range(d.hostCopyGbps()));
        out.printf(Locale.ROOT, "  host to device  %s GB/s; device to host %s GB/s%n", range(d.h2dGbps()),
                range(d.d2hGbps()));
        out.printf(Locale.ROOT, "  mapped: host to device  %s GB/s; device to host %s GB/s%n", range(d.h2dMapGbps()),
                range(d.d2hMapGbps()));
        out.printf(Locale.ROOT, "  kernel launch latency  %s us (empty kernel, enqueue to finish)%n",
                range(d.launchLatencyUs()));
        out.printf(Locale.ROOT, "  fp32 %s GFLOP/s; fp64 %s; fp16 %s; int32 %s GOP/s (%d items x %d ops)%n",
                range(d.fp32Gflops()), d.fp64Gflops() == null ? "- (" + d.fp64Missing() + ")"
                        : range(d.fp64Gflops()) + " GFLOP/s", d.fp16Gflops() == null ? "- (" + d.fp16Missing() + ")"
                        : range(d.fp16Gflops()) + " GFLOP/s", range(d.int32Gops()), d.computeItems(), d.opsPerItem());
    }

    private static String range(Figure f) {
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", f.median(), f.min(), f.max());
    }
}
