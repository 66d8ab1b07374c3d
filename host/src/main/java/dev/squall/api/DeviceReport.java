package dev.squall.api;

import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.device.BackendProvider;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devices this machine has, family by family, and why a family has none.
 *
 * @param openCl every OpenCL device
 * @param openClProblem why there is no OpenCL at all (no loader, no driver), if so
 * @param tornadoPresent whether the optional TornadoVM family is on the class path
 * @param tornado its devices
 * @param tornadoProblem why it has none though present, if so
 * @param cpu the CPU backend
 */
public record DeviceReport(List<DeviceInfo> openCl, Optional<String> openClProblem, boolean tornadoPresent,
        List<DeviceInfo> tornado, Optional<String> tornadoProblem, DeviceInfo cpu) {

    /** Copies the lists. */
    public DeviceReport {
        openCl = List.copyOf(openCl);
        tornado = List.copyOf(tornado);
    }

    /**
     * Looks at every family, opening nothing but the CPU backend's description.
     *
     * @return the report
     */
    public static DeviceReport probe() {
        OpenClProbe probe = OpenCl.probe();
        List<DeviceInfo> openCl = new ArrayList<>();
        for (OpenClDevice d : probe.devices()) {
            openCl.add(d.info());
        }
        Optional<BackendProvider> provider = BackendProvider.find("tornado");
        List<DeviceInfo> tornado = new ArrayList<>();
        Optional<String> tornadoProblem = Optional.empty();
        if (provider.isPresent()) {
            try {
                for (BackendProvider.Device d : provider.get().devices()) {
                    tornado.add(new DeviceInfo(d.id(), d.type(), d.computeUnits(), d.globalMemBytes(),
                            d.maxAllocBytes(), d.fp64(), d.description()));
                }
            } catch (DeviceUnavailableException e) {
                tornadoProblem = Optional.of(e.getMessage());
            }
        }
        DeviceInfo cpu;
        try (CpuBackend backend = new CpuBackend()) {
            cpu = backend.info();
        }
        return new DeviceReport(openCl, probe.problem(), provider.isPresent(), tornado, tornadoProblem, cpu);
    }
}
