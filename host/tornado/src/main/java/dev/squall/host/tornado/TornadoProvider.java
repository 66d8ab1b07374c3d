package dev.squall.host.tornado;

import dev.squall.host.Backend;
import dev.squall.host.device.BackendProvider;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.kernels.Precision;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * TornadoVM's devices for {@code --device tornado[:N]} and {@code squall devices}: every device of every
 * TornadoVM backend, numbered in TornadoVM's order ({@code tornado --devices}). Found by the host through
 * {@link java.util.ServiceLoader}.
 *
 * <p><b>Exact or fast.</b> TornadoVM reads its compiler settings once, when its runtime starts. Before that, this
 * class sets them: exact ({@code tornado}) turns off TornadoVM's multiply-add fusion ({@code tornado.enable.fma})
 * and builds OpenCL programs without {@code -cl-mad-enable -cl-fast-relaxed-math}; fast ({@code tornado-fast})
 * keeps TornadoVM's defaults, whose results differ from the reference at the set's boundary ({@code --verify} shows
 * where). Either way a kernel TornadoVM cannot compile is an error, never a silent run of the Java loop on the host
 * ({@code tornado.recover.bailout=false}). One process runs one of the two modes.
 */
public final class TornadoProvider implements BackendProvider {
    /** TornadoVM's own default OpenCL build flags: what fast mode keeps. */
    static final String FAST_OPENCL_FLAGS = "-cl-mad-enable -cl-fast-relaxed-math -w";
    /** No flag that licenses results other than IEEE's ({@code -w} only silences warnings). */
    static final String EXACT_OPENCL_FLAGS = "-w";

    /** Null until TornadoVM's runtime started; then whether in fast mode. Listing devices takes either. */
    private static volatile Boolean startedFast;

    @Override
    public String family() {
        return "tornado";
    }

    @Override
    public List<Device> devices() {
        List<Device> rows = new ArrayList<>();
        List<TornadoDevice> devices = all(start(startedFast != null && startedFast));
        for (int i = 0; i < devices.size(); i++) {
            TornadoDevice d = devices.get(i);
            OpenClDevice twin = openClTwin(d);
            rows.add(new Device("tornado:" + i, String.valueOf(d.getDeviceType()),
                    twin != null ? twin.computeUnits() : d.getPhysicalDevice().getDeviceMaxComputeUnits(),
                    d.getMaxGlobalMemory(), d.getMaxAllocMemory(), twin == null || twin.fp64(),
                    d.getPhysicalDevice().getDeviceName() + " / TornadoVM " + d.getTornadoVMBackend() + " on "
                            + d.getPlatformName() + (twin != null ? " (" + twin.id() + ")" : "")));
        }
        return rows;
    }

    @Override
    public Backend open(int index, boolean fast, Precision precision) {
        TornadoRuntime runtime = start(fast);
        List<TornadoDevice> devices = all(runtime);
        if (index >= devices.size()) {
            throw new DeviceUnavailableException("--device tornado:" + index + " names no TornadoVM device: found "
                    + (devices.isEmpty() ? "none" : "tornado:0 to tornado:" + (devices.size() - 1)));
        }
        TornadoDevice device;
        int id;
        if (index >= 0) {
            device = devices.get(index);
            id = index;
        } else {
            device = runtime.getDefaultDevice();
            id = Math.max(0, devices.indexOf(device));
        }
        OpenClDevice twin = openClTwin(device);
        if (precision == Precision.F64 && twin != null && !twin.fp64()) {
            throw new DeviceUnavailableException("tornado:" + id + " (" + device.getPhysicalDevice().getDeviceName()
                    + ") has no fp64 support; use --precision f32 or another --device");
        }
        return new TornadoVmBackend(device, (fast ? "tornado-fast:" : "tornado:") + id, fast);
    }

    /**
     * Starts TornadoVM's runtime in exact or fast mode, or checks that it runs in that mode already; a
     * {@code tornado} and a {@code tornado-fast} device cannot share a process.
     */
    static synchronized TornadoRuntime start(boolean fast) {
        if (startedFast == null) {
            System.setProperty("tornado.enable.fma", Boolean.toString(fast));
            System.setProperty("tornado.opencl.compiler.flags", fast ? FAST_OPENCL_FLAGS : EXACT_OPENCL_FLAGS);
            System.setProperty("tornado.recover.bailout", "false");
            startedFast = fast;
        } else if (startedFast != fast) {
            throw new DeviceUnavailableException("TornadoVM already runs " + (startedFast ? "fast" : "exact")
                    + " arithmetic in this process: use only " + (startedFast ? "tornado-fast" : "tornado")
                    + " devices here");
        }
        try {
            return TornadoRuntimeProvider.getTornadoRuntime();
        } catch (LinkageError | RuntimeException e) {
            throw new DeviceUnavailableException("TornadoVM did not start (" + e
                    + "); is this JVM started with TornadoVM's options? ./squall adds them when TORNADOVM_HOME is set");
        }
    }

    private static List<TornadoDevice> all(TornadoRuntime runtime) {
        List<TornadoDevice> devices = new ArrayList<>();
        for (int b = 0; b < runtime.getNumBackends(); b++) {
            devices.addAll(runtime.getBackend(b).getAllDevices());
        }
        return devices;
    }

    /** The same device as JOCL sees it (name and platform equal), for its compute units and fp64 support. */
    private static OpenClDevice openClTwin(TornadoDevice device) {
        return OpenCl.probe().devices().stream()
                .filter(d -> d.name().strip().equals(device.getPhysicalDevice().getDeviceName().strip())
                        && d.platformName().strip().equals(device.getPlatformName().strip()))
                .findFirst().orElse(null);
    }
}
