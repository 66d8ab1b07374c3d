package dev.squall.host.bench;

import dev.squall.api.bench.Figure;

import dev.squall.api.bench.Environment;

import dev.squall.api.bench.DevicePeakReport;

import dev.squall.host.opencl.OpenClBuffer;
import dev.squall.host.opencl.OpenClBuildException;
import dev.squall.host.opencl.OpenClContext;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClKernel;
import dev.squall.host.opencl.OpenClProgram;
import dev.squall.kernels.Precision;
import dev.squall.kernels.peak.PeakKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * An OpenCL device's own limits, measured as clpeak does: global memory bandwidth (a streaming copy at each float
 * vector width, the best reported), host-to-device and device-to-host transfers, the round trip of an empty kernel,
 * (copies, and through a mapping), and compute peaks from dependent multiply-add chains (fp32, fp64 and fp16 where
 * supported, int32). Each figure is the median
 * of {@code runs} runs after {@code warmup}, with its spread. A host copy of the same size (Java, one thread, FFM)
 * is measured in the same run as an independent reference for the bandwidth figures.
 */
public final class DevicePeak {
    /** Launches of the empty kernel per latency run. */
    private static final int LAUNCHES = 200;
    /** Largest buffer for the bandwidth figures: large enough to leave every cache, small enough for any device. */
    private static final long MAX_BUFFER_BYTES = 256L << 20;
    /** Work-items a compute unit gets in the compute kernels: enough to fill any device's lanes many times. */
    private static final long ITEMS_PER_UNIT = 16_384;
    private static final long GROUP = 64;

    private DevicePeak() {
    }

    public static DevicePeakReport measure(OpenClDevice device, int warmup, int runs) {
        long bytes = Math.min(MAX_BUFFER_BYTES, Long.highestOneBit(Math.max(device.maxAllocBytes() / 4, 1 << 20)));
        long items = device.computeUnits() * ITEMS_PER_UNIT;
        boolean fp16 = device.hasExtension("cl_khr_fp16");
        try (OpenClContext context = OpenClContext.open(device);
             OpenClProgram program = context.build(PeakKernels.source(), device.fp64() ? PeakKernels.FP64_OPTION : "");
             OpenClBuffer in = context.allocateReadOnly(bytes);
             OpenClBuffer out = context.allocate(bytes);
             Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(bytes, 64);
            MemorySegment other = arena.allocate(bytes, 64);
            Map<String, Figure> copies = new LinkedHashMap<>();
            for (int width : PeakKernels.COPY_WIDTHS) {
                try (OpenClKernel copy = program.kernel(PeakKernels.copyKernel(width))) {
                    copy.arg(0, in).arg(1, out);
                    long n = bytes / (4L * width);
                    copies.put("float" + (width == 1 ? "" : width), repeat(warmup, runs,
                            () -> 2.0 * bytes / seconds(() -> copy.run1d(n, GROUP)) / 1e9));
                }
            }
            Figure h2d = repeat(warmup, runs, () -> bytes / seconds(() -> context.write(in, host)) / 1e9);
            Figure d2h = repeat(warmup, runs, () -> bytes / seconds(() -> context.read(out, host)) / 1e9);
            Figure h2dMap = repeat(warmup, runs, () -> bytes / seconds(() -> context.mapped(in, true,
                    view -> MemorySegment.ofBuffer(view).copyFrom(host))) / 1e9);
            Figure d2hMap = repeat(warmup, runs, () -> bytes / seconds(() -> context.mapped(out, false,
                    view -> other.copyFrom(MemorySegment.ofBuffer(view)))) / 1e9);
            Figure hostCopy = repeat(warmup, runs,
                    () -> 2.0 * bytes / seconds(() -> MemorySegment.copy(host, 0, other, 0, bytes)) / 1e9);
            Figure latency;
            try (OpenClKernel empty = program.kernel("empty")) {
                empty.arg(0, out);
                latency = repeat(warmup, runs, () -> seconds(() -> {
                    for (int i = 0; i < LAUNCHES; i++) {
                        empty.run1d(1, 1);
                    }
                }) / LAUNCHES * 1e6);
            }
            double ops = (double) items * PeakKernels.OPS_PER_ITEM;
            Figure fp32;
            Figure int32;
            Figure fp64 = null;
            Figure fp16Figure = null;
            String fp16Missing = fp16 ? null : "the device has no fp16 (cl_khr_fp16)";
            try (OpenClBuffer results = context.allocate(items * Double.BYTES)) {
                try (OpenClKernel mad = program.kernel("mad_float")) {
                    mad.arg(0, results).argFloat(1, 1.0001f);
                    fp32 = repeat(warmup, runs, () -> ops / seconds(() -> mad.run1d(items, GROUP)) / 1e9);
                }
                try (OpenClKernel mad = program.kernel("mad_int")) {
                    mad.arg(0, results).argUint(1, 3);
                    int32 = repeat(warmup, runs, () -> ops / seconds(() -> mad.run1d(items, GROUP)) / 1e9);
                }
                if (device.fp64()) {
                    try (OpenClKernel mad = program.kernel("mad_double")) {
                        mad.arg(0, results).argDouble(1, 1.0001);
                        fp64 = repeat(warmup, runs, () -> ops / seconds(() -> mad.run1d(items, GROUP)) / 1e9);
                    }
                }
                if (fp16) {
                    // A program of its own: if the half-precision chain does not build on some driver, only this
                    // figure is lost (and said why), not the others.
                    try (OpenClProgram halves = context.build(PeakKernels.source(), PeakKernels.FP16_OPTION);
                         OpenClKernel mad = halves.kernel("mad_half")) {
                        mad.arg(0, results).argHalf(1, (short) 0x3C00);    // 1.0
                        fp16Figure = repeat(warmup, runs, () -> ops / seconds(() -> mad.run1d(items, GROUP)) / 1e9);
                    } catch (OpenClBuildException e) {
                        fp16Missing = "the fp16 kernel did not build: " + e.getMessage();
                    }
                }
            }
            Figure best = copies.values().stream().max((a, b) -> Double.compare(a.median(), b.median()))
                    .orElseThrow();
            return new DevicePeakReport(device.id(), device.name(), device.platformName(), device.driverVersion(),
                    device.openClVersion(), device.type().name().toLowerCase(java.util.Locale.ROOT),
                    device.computeUnits(), best.median(), h2d.median(), d2h.median(), h2dMap.median(), d2hMap.median(),
                    latency.median(), fp32.median(), fp64 == null ? null : fp64.median(),
                    fp16Figure == null ? null : fp16Figure.median(), int32.median(), hostCopy.median(),
                    new DevicePeakReport.Details(bytes, items, PeakKernels.OPS_PER_ITEM, copies, h2d, d2h, h2dMap,
                            d2hMap, hostCopy, latency, fp32, fp64, fp16Figure, int32,
                            device.fp64() ? null : "the device has no fp64 (cl_khr_fp64)",
                            fp16Missing),
                    warmup, runs, Environment.current());
        }
    }

    /**
     * The multiply-add peak of {@code device} in {@code precision} alone (GFLOP/s, an FMA counting 2), for setting a
     * kernel's rate against it.
     */
    public static Figure madPeak(OpenClDevice device, Precision precision, int warmup, int runs) {
        long items = device.computeUnits() * ITEMS_PER_UNIT;
        double ops = (double) items * PeakKernels.OPS_PER_ITEM;
        boolean f64 = precision == Precision.F64;
        try (OpenClContext context = OpenClContext.open(device);
             OpenClProgram program = context.build(PeakKernels.source(), f64 ? PeakKernels.FP64_OPTION : "");
             OpenClBuffer results = context.allocate(items * Double.BYTES);
             OpenClKernel mad = program.kernel(f64 ? "mad_double" : "mad_float")) {
            mad.arg(0, results);
            if (f64) {
                mad.argDouble(1, 1.0001);
            } else {
                mad.argFloat(1, 1.0001f);
            }
            return repeat(warmup, runs, () -> ops / seconds(() -> mad.run1d(items, GROUP)) / 1e9);
        }
    }

    private static Figure repeat(int warmup, int runs, DoubleSupplier run) {
        for (int i = 0; i < warmup; i++) {
            run.getAsDouble();
        }
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = run.getAsDouble();
        }
        return Figure.of(values);
    }

    private static double seconds(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
