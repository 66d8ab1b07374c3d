package dev.squall.api.bench;

import dev.squall.api.EngineException;
import dev.squall.api.EngineListener;
import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.bench.DevicePeak;
import dev.squall.host.bench.MandelbrotBench;
import dev.squall.host.bench.Sweep;
import dev.squall.host.bench.SweepChart;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.render.DeepZoomRun;
import dev.squall.host.tiling.Band;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Honest, reproducible numbers per device: a render timed after warm-up with every run's counts checked to agree
 * (CRC-32), sweeps over sizes, and an OpenCL device's own limits (bandwidth, launch latency, peak flops) to set them
 * against. Devices are named as {@link dev.squall.api.Engine#open} names them.
 */
public final class Bench {
    private Bench() {
    }

    /**
     * Times {@code params} on one device: {@code warmup} runs, then {@code runs} measured ones into one buffer.
     *
     * @param device one device: {@code auto}, {@code cpu}, {@code opencl}, {@code opencl:P:D}, {@code tornado[:N]}
     * @param params the render
     * @param schedule how it runs (cycle shortcut, OpenCL variant, TornadoVM API)
     * @param warmup runs not measured
     * @param runs runs measured
     * @param variantLabel how the report names the OpenCL variant asked for
     * @param listener hears the device choice
     * @return the report: median, spread, stages, the machine
     * @throws InvalidParameterException when {@code device} is not one device
     * @throws EngineException when the device is not there or cannot run the render
     */
    public static MandelbrotBenchReport render(String device, MandelbrotParams params, Schedule schedule,
            int warmup, int runs, String variantLabel, EngineListener listener) {
        DeviceSpec spec = DeviceSpec.parseSingle(device);
        try (Backend backend = DeviceSelector.open(spec, params.precision(), OpenCl.probe(), listener::notice)) {
            return MandelbrotBench.run(backend, params, schedule, warmup, runs, variantLabel);
        } catch (DeviceUnavailableException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Times a deep-zoom view on one device (the CPU backend, or an OpenCL device's first tier with the host
     * finishing what it could not prove): {@code warmup} runs, then {@code runs} measured whole renders, each with
     * its own reference orbit and table.
     *
     * @param device the device, as {@code --device} names it ({@code auto}: the one a render would take)
     * @param params the view
     * @param warmup runs not measured, at least 0
     * @param runs runs measured, at least 1
     * @param listener what hears notices (the device auto chose instead)
     * @return the report: median, spread, each stage's median, the pixels each tier took, the counts' CRC-32
     * @throws EngineException {@link EngineException.Reason#INVALID} when a run's counts differ from the first's
     *     (they never should: every count is exact), or when the device is unavailable or refuses the view
     */
    public static DeepBenchReport deep(String device, DeepParams params, int warmup, int runs,
            EngineListener listener) {
        DeviceSpec spec = DeviceSpec.parseSingle(device);
        try (Backend backend = DeviceSelector.open(spec, Precision.F64, OpenCl.probe(), listener::notice)) {
            return deep(backend, params, warmup, runs);
        } catch (KernelRefusedException e) {
            String instead = DeviceSelector.cpuInstead(spec, e).orElseThrow(() -> new EngineException(e.getMessage(),
                    e));
            listener.notice(instead);
            try (Backend cpu = DeviceSelector.cpu()) {
                return deep(cpu, params, warmup, runs);
            }
        } catch (DeviceUnavailableException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    private static DeepBenchReport deep(Backend backend, DeepParams params, int warmup, int runs) {
        List<Double> seconds = new ArrayList<>();
        List<DeepRender.Stats> stats = new ArrayList<>();
        String crc = null;
        long iterations = 0;
        double first = 0;
        int pixels = params.width() * params.height();
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            DeepRender.Stats runStats;
            int[] counts = new int[pixels];
            try (Arena arena = Arena.ofConfined();
                 KernelRun run = backend.prepare(params, Schedule.DEFAULT)) {
                MemorySegment out = arena.allocate((long) pixels * Integer.BYTES, Integer.BYTES);
                run.run(new Band(0, params.height()), out);
                runStats = ((DeepZoomRun) run).stats();
                MemorySegment.copy(out, ValueLayout.JAVA_INT, 0, counts, 0, pixels);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            CRC32 crc32 = new CRC32();
            ByteBuffer bytes = ByteBuffer.allocate(pixels * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long sum = 0;
            for (int c : counts) {
                bytes.putInt(c);
                sum += c;
            }
            crc32.update(bytes.array());
            String hex = String.format(Locale.ROOT, "%08x", crc32.getValue());
            if (crc != null && !crc.equals(hex)) {
                throw new EngineException("run " + (i + 1) + " gave counts with CRC-32 " + hex + ", the first gave "
                        + crc, null, EngineException.Reason.INVALID, false);
            }
            crc = hex;
            iterations = sum;
            if (i == 0) {
                first = s;
            }
            if (i >= warmup) {
                seconds.add(s);
                stats.add(runStats);
            }
        }
        DeepRender.Stats one = stats.getFirst();
        return new DeepBenchReport("mandelbrot", params.width(), params.height(), params.maxIter(),
                List.of(params.view().re().toString(), params.view().im().toString()),
                params.view().zoom().toString(), backend.label(), warmup, runs, seconds,
                median(seconds), seconds.stream().mapToDouble(d -> d).min().orElseThrow(),
                seconds.stream().mapToDouble(d -> d).max().orElseThrow(), first,
                median(stats.stream().map(x -> x.orbitNanos() / 1e9).toList()),
                median(stats.stream().map(x -> x.blaNanos() / 1e9).toList()),
                median(stats.stream().map(x -> x.pixelNanos() / 1e9).toList()),
                median(stats.stream().map(x -> x.doubleDoubleNanos() / 1e9).toList()),
                median(stats.stream().map(x -> x.oracleNanos() / 1e9).toList()), one.orbitLength(), one.orbitBits(),
                one.extended() ? "extended" : "double", one.doubleDoublePixels(), one.recomputedPixels(),
                one.unprovenPixels(), iterations,
                one.blaJumps(), one.blaSkippedIterations(), one.steps(), crc, Environment.current());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * {@return whether {@code device} names an OpenCL device ({@code opencl} or {@code opencl:P:D}), the only
     * devices whose peak is measured}
     *
     * @param device a device as {@code open} names it
     */
    public static boolean isOpenCl(String device) {
        DeviceSpec spec = DeviceSpec.parse(device);
        return spec instanceof DeviceSpec.OpenCl || spec instanceof DeviceSpec.AnyOpenCl;
    }

    /**
     * The multiply-add peak of an OpenCL device in {@code precision}, in GFLOP/s.
     *
     * @param deviceId the device's id, {@code opencl:P:D}
     * @param precision f64 or f32
     * @return median and spread of 3 runs after 1 warm-up
     */
    public static Figure multiplyAddPeak(String deviceId, Precision precision) {
        OpenClDevice device = OpenCl.probe().find(deviceId).orElseThrow(() -> new EngineException("device "
                + deviceId + " is not an OpenCL device here", null));
        return DevicePeak.madPeak(device, precision, 1, 3);
    }

    /**
     * A sweep: each device of {@code devices} runs the kernel at each size ({@code N x N}).
     *
     * @param devices one device, a list or {@code all}
     * @param formula the escape-time formula, or null for the seed's brightness
     * @param precision the escape-time kernel's precision (brightness: f32)
     * @param sides the sizes' sides
     * @param maxIter the escape-time kernel's iterations
     * @param warmup runs not measured at each size
     * @param runs runs measured at each size
     * @param listener hears the device choice
     * @return a series a device
     * @throws EngineException when a device is not there
     */
    public static List<SweepReport.Series> sweep(String devices, Formula formula, Precision precision,
            List<Integer> sides, int maxIter, int warmup, int runs, EngineListener listener) {
        DeviceSpec spec = DeviceSpec.parse(devices);
        try {
            return DeviceSelector.runAll(spec, formula != null ? precision : Precision.F32, OpenCl.probe(),
                    listener::notice, backends -> backends.stream().map(b -> formula != null
                            ? Sweep.escape(b, formula, precision, sides, maxIter, warmup, runs)
                            : Sweep.brightness(b, sides, warmup, runs)).toList());
        } catch (DeviceUnavailableException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Draws a sweep (rate against size, a line a device) into a PNG, replaced atomically.
     *
     * @param report the sweep
     * @param file the PNG
     * @throws IOException when it cannot be written
     */
    public static void writeChart(SweepReport report, Path file) throws IOException {
        byte[] png = SweepChart.png(report);
        AtomicFile.write(file, (stream, channel) -> stream.write(png));
    }

    /**
     * Measures the limits of OpenCL devices: memory bandwidth, transfers, launch latency, peak flops.
     *
     * @param devices {@code all}, {@code opencl}, {@code opencl:P:D} or a list of them
     * @param warmup runs not measured of each figure
     * @param runs runs measured of each figure
     * @return a report a device
     * @throws InvalidParameterException when {@code devices} names a device that is not OpenCL
     * @throws EngineException when a device named is not there, or there is none to measure
     */
    public static List<DevicePeakReport> devices(String devices, int warmup, int runs) {
        DeviceSpec spec = DeviceSpec.parse(devices);
        OpenClProbe probe = OpenCl.probe();
        List<DeviceSpec> wanted = spec instanceof DeviceSpec.Several several ? several.devices() : List.of(spec);
        List<OpenClDevice> chosen = new ArrayList<>();
        for (DeviceSpec one : wanted) {
            switch (one) {
                case DeviceSpec.All all -> chosen.addAll(probe.devices());
                case DeviceSpec.AnyOpenCl any -> chosen.addAll(probe.devices().stream().limit(1).toList());
                case DeviceSpec.OpenCl exact -> chosen.add(probe.find(exact.id()).orElseThrow(() ->
                        new EngineException("device " + exact.id() + " is not an OpenCL device here (see squall"
                                + " devices)", null)));
                default -> throw new InvalidParameterException("device", '"' + devices + '"',
                        "all, opencl, opencl:P:D or a list of them (bench device measures OpenCL devices)");
            }
        }
        if (chosen.isEmpty()) {
            throw new EngineException("no OpenCL device to measure"
                    + probe.problem().map(p -> " (" + p + ")").orElse("") + "; see squall devices", null);
        }
        List<DevicePeakReport> reports = new ArrayList<>();
        for (OpenClDevice d : chosen) {
            reports.add(DevicePeak.measure(d, warmup, runs));
        }
        return reports;
    }
}
