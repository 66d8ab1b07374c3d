package dev.squall.cli;

import dev.squall.host.buffer.HostMemory;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.device.BackendProvider;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClProbe;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code squall devices}: every device a render can use, with the id {@code --device} takes. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the OpenCL devices, TornadoVM's (when present) and the CPU backend, with the ids --device"
                + " takes.")
final class DevicesCommand extends CommandBase implements Callable<Integer> {
    private static final String ROW = "%-12s %-11s %5s %10s %10s %4s  %s%n";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        OpenClProbe probe = OpenCl.probe();
        out.printf(ROW, "ID", "TYPE", "UNITS", "GLOBAL MEM", "MAX ALLOC", "FP64", "NAME / PLATFORM / DRIVER");
        for (OpenClDevice d : probe.devices()) {
            out.printf(ROW, d.id(), d.type(), d.computeUnits(), HostMemory.gib(d.globalMemBytes()),
                    HostMemory.gib(d.maxAllocBytes()), d.fp64() ? "yes" : "no",
                    d.name() + " / " + d.platformName() + " / driver " + d.driverVersion() + ", " + d.openClVersion());
        }
        probe.problem().ifPresent(why -> out.printf("%-12s %s%n", "opencl", "none: " + why));
        BackendProvider.find("tornado").ifPresent(tornado -> {
            try {
                for (BackendProvider.Device d : tornado.devices()) {
                    out.printf(ROW, d.id(), d.type(), d.computeUnits(), HostMemory.gib(d.globalMemBytes()),
                            HostMemory.gib(d.maxAllocBytes()), d.fp64() ? "yes" : "no", d.description());
                }
            } catch (DeviceUnavailableException e) {
                out.printf("%-12s %s%n", "tornado", "none: " + e.getMessage());
            }
        });
        try (CpuBackend cpu = new CpuBackend()) {
            out.printf(ROW, cpu.id(), "CPU (Java)", cpu.threads(), HostMemory.gib(HostMemory.available()), "-",
                    "yes", "Java " + Runtime.version().feature() + " Vector API, " + cpu.threads() + " threads x "
                            + CpuBackend.vectorWidth());
        }
        return 0;
    }
}
