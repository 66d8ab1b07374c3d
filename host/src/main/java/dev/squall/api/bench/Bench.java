package dev.squall.api.bench;

import dev.squall.api.EngineException;
import dev.squall.api.EngineListener;
import dev.squall.host.Backend;
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
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
