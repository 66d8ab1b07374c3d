package dev.squall.host.device;

import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.opencl.OpenClBackend;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClException;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.kernels.Precision;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place that knows the backend families: turns a {@link DeviceSpec} into an open {@link Backend}, and
 * decides the fallback. {@code auto} takes the best OpenCL device that can run the request (a GPU first), else the
 * CPU backend with one notice saying why; an explicit request that cannot be met is an error.
 */
public final class DeviceSelector {
    private DeviceSelector() {
    }

    private static final Comparator<OpenClDevice> BEST_FIRST = Comparator
            .comparingInt((OpenClDevice d) -> switch (d.type()) {
                case GPU -> 0;
                case ACCELERATOR -> 1;
                case CPU -> 2;
                case OTHER -> 3;
            })
            .thenComparing(Comparator.comparingInt(OpenClDevice::computeUnits).reversed());

    /**
     * Opens the backend {@code spec} names, runs {@code work} on it and closes it. A device's failure during the
     * work is the work's to handle: renders redo a failed tile on the CPU backend in the scheduler, the one place
     * where fallback is decided; a benchmark fails rather than time another device.
     */
    public static <T> T run(DeviceSpec spec, Precision precision, OpenClProbe probe, Consumer<String> notice,
            Function<Backend, T> work) {
        try (Backend backend = open(spec, precision, probe, notice)) {
            return work.apply(backend);
        }
    }

    /**
     * As {@link #run}, for work that can share out tiles: {@code spec} may name several devices ({@code all}, a
     * list); the work gets every backend, opened once and closed once.
     */
    public static <T> T runAll(DeviceSpec spec, Precision precision, OpenClProbe probe, Consumer<String> notice,
            Function<List<Backend>, T> work) {
        if (!(spec instanceof DeviceSpec.All || spec instanceof DeviceSpec.Several)) {
            return run(spec, precision, probe, notice, backend -> work.apply(List.of(backend)));
        }
        List<Backend> backends = openAll(spec, precision, probe, notice);
        try {
            return work.apply(backends);
        } finally {
            backends.forEach(Backend::close);
        }
    }

    /**
     * Under {@code auto}, a device that refuses the kernel (deep zoom without fp64) gives way to the CPU backend,
     * which runs every kernel: the line that says so. A named device's refusal stands.
     *
     * @param spec the devices asked for
     * @param failure what the work threw: a {@link KernelRefusedException}, or a device error it caused
     * @return the notice, when the work should be done again on the CPU backend; empty when the failure stands
     */
    public static Optional<String> cpuInstead(DeviceSpec spec, RuntimeException failure) {
        Throwable refused = failure instanceof KernelRefusedException ? failure : failure.getCause();
        return spec instanceof DeviceSpec.Auto && refused instanceof KernelRefusedException
                ? Optional.of(refused.getMessage() + "; rendering on the CPU backend") : Optional.empty();
    }

    /** The CPU backend, which every other falls back to. */
    public static Backend cpu() {
        return new CpuBackend();
    }

    /**
     * Opens every backend {@code spec} names for {@code precision}, for a caller that keeps them across renders
     * (the library's engine); the caller closes them. A single device is a list of one.
     */
    public static List<Backend> openAll(DeviceSpec spec, Precision precision, OpenClProbe probe,
            Consumer<String> notice) {
        List<Backend> backends = new java.util.ArrayList<>();
        try {
            switch (spec) {
                case DeviceSpec.All all -> {
                    for (OpenClDevice device : probe.devices()) {
                        if (precision == Precision.F64 && !device.fp64()) {
                            notice.accept(device.label() + " has no fp64 support: left out of the devices (all)");
                            continue;
                        }
                        try {
                            backends.add(new OpenClBackend(device));
                        } catch (OpenClException e) {
                            notice.accept(device.label() + " could not be opened (" + e.getMessage()
                                    + "): left out of the devices (all)");
                        }
                    }
                    backends.add(new CpuBackend());
                }
                case DeviceSpec.Several several -> {
                    for (DeviceSpec one : several.devices()) {
                        backends.add(open(one, precision, probe, notice));
                    }
                }
                default -> backends.add(open(spec, precision, probe, notice));
            }
            return backends;
        } catch (RuntimeException | Error e) {
            backends.forEach(Backend::close);
            throw e;
        }
    }

    public static Backend open(DeviceSpec spec, Precision precision, OpenClProbe probe, Consumer<String> notice) {
        return open(spec, precision, probe, notice, true);
    }

    /**
     * As {@link #open(DeviceSpec, Precision, OpenClProbe, Consumer)}; with {@code cpuDevices} false, {@code auto}
     * passes over OpenCL devices of CPU type and takes the CPU backend instead, saying nothing: for memory-bound work
     * such as image operations, a CPU-type device (PoCL) only adds copies to and from its buffers (BENCHMARKS.md).
     */
    public static Backend open(DeviceSpec spec, Precision precision, OpenClProbe probe, Consumer<String> notice,
            boolean cpuDevices) {
        if (!cpuDevices && spec instanceof DeviceSpec.Auto && probe.problem().isEmpty()
                && probe.devices().stream().allMatch(d -> d.type() == OpenClDevice.Type.CPU)) {
            return new CpuBackend();
        }
        return switch (spec) {
            case DeviceSpec.All all -> throw new DeviceUnavailableException(
                    "device all shares the tiles of a render between devices: use one device here");
            case DeviceSpec.Several several -> throw new DeviceUnavailableException(
                    "device with a list shares the tiles of a render between devices: use one device here");
            case DeviceSpec.Cpu cpu -> new CpuBackend();
            case DeviceSpec.Tornado tornado -> tornado().open(tornado.device(), tornado.fast(), precision);
            case DeviceSpec.OpenCl exact -> {
                OpenClDevice device = probe.find(exact.id()).orElseThrow(() -> new DeviceUnavailableException(
                        "device " + exact.id() + " names no OpenCL device: " + available(probe)));
                yield openOpenCl(device, precision);
            }
            case DeviceSpec.AnyOpenCl any -> {
                OpenClDevice device = best(probe, precision).orElseThrow(() -> new DeviceUnavailableException(
                        "device opencl: " + whyNone(probe, precision)));
                yield openOpenCl(device, precision);
            }
            case DeviceSpec.Auto auto -> {
                Optional<OpenClDevice> device = best(probe, precision)
                        .filter(d -> cpuDevices || d.type() != OpenClDevice.Type.CPU);
                if (device.isEmpty()) {
                    notice.accept("no usable OpenCL device (" + whyNone(probe, precision)
                            + "); rendering on the CPU backend");
                    yield new CpuBackend();
                }
                try {
                    yield new OpenClBackend(device.get());
                } catch (OpenClException e) {
                    notice.accept(device.get().label() + " could not be opened (" + e.getMessage()
                            + "); rendering on the CPU backend");
                    yield new CpuBackend();
                }
            }
        };
    }

    /**
     * Says, without opening anything, what {@link #open} or {@link #runAll} would refuse for {@code spec}: a device
     * that is not there, one without fp64 for f64, TornadoVM missing. For commands that make folders or files
     * before they open devices (a job's output folder): a bad device then leaves nothing behind.
     */
    public static void check(DeviceSpec spec, Precision precision, OpenClProbe probe) {
        switch (spec) {
            case DeviceSpec.Several several -> several.devices().forEach(one -> check(one, precision, probe));
            case DeviceSpec.Tornado tornado -> tornado();
            case DeviceSpec.OpenCl exact -> {
                OpenClDevice device = probe.find(exact.id()).orElseThrow(() -> new DeviceUnavailableException(
                        "device " + exact.id() + " names no OpenCL device: " + available(probe)));
                if (precision == Precision.F64 && !device.fp64()) {
                    throw new DeviceUnavailableException("device " + device.label()
                            + " has no fp64 support; use precision f32 or another device");
                }
            }
            case DeviceSpec.AnyOpenCl any -> best(probe, precision).orElseThrow(() -> new DeviceUnavailableException(
                    "device opencl: " + whyNone(probe, precision)));
            default -> {
                // auto, all and cpu always find a device: the CPU backend at least
            }
        }
    }

    /** TornadoVM's provider, or a one-line error saying how to get it. */
    public static BackendProvider tornado() {
        return BackendProvider.find("tornado").orElseThrow(() -> new DeviceUnavailableException(
                "device tornado: TornadoVM is not available to this squall ("
                        + (System.getenv("TORNADOVM_HOME") == null ? "TORNADOVM_HOME is not set"
                                : "TORNADOVM_HOME is set but the TornadoVM module is not on the class path")
                        + "; see README, TornadoVM)"));
    }

    private static Backend openOpenCl(OpenClDevice device, Precision precision) {
        if (precision == Precision.F64 && !device.fp64()) {
            throw new DeviceUnavailableException("device " + device.label()
                    + " has no fp64 support; use precision f32 or another device");
        }
        return new OpenClBackend(device);
    }

    /** The best device that can run {@code precision}. */
    public static Optional<OpenClDevice> best(OpenClProbe probe, Precision precision) {
        return probe.devices().stream()
                .filter(d -> precision != Precision.F64 || d.fp64())
                .min(BEST_FIRST);
    }

    private static String whyNone(OpenClProbe probe, Precision precision) {
        if (probe.problem().isPresent()) {
            return probe.problem().get();
        }
        return "no OpenCL device supports " + precision.label() + " (" + available(probe) + ")";
    }

    private static String available(OpenClProbe probe) {
        List<OpenClDevice> devices = probe.devices();
        if (devices.isEmpty()) {
            return probe.problem().orElse("none found");
        }
        return "found " + String.join(", ", devices.stream().map(OpenClDevice::id).toList());
    }
}
