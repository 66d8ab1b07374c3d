package dev.squall.cli;

import dev.squall.api.DeviceInfo;
import dev.squall.api.DeviceReport;
import dev.squall.api.Memory;
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
        DeviceReport report = DeviceReport.probe();
        out.printf(ROW, "ID", "TYPE", "UNITS", "GLOBAL MEM", "MAX ALLOC", "FP64", "NAME / PLATFORM / DRIVER");
        report.openCl().forEach(d -> row(out, d));
        report.openClProblem().ifPresent(why -> out.printf("%-12s %s%n", "opencl", "none: " + why));
        report.tornado().forEach(d -> row(out, d));
        report.tornadoProblem().ifPresent(why -> out.printf("%-12s %s%n", "tornado", "none: " + why));
        row(out, report.cpu());
        return 0;
    }

    private static void row(PrintWriter out, DeviceInfo d) {
        out.printf(ROW, d.id(), d.type(), d.computeUnits(), Memory.gib(d.globalMemBytes()),
                d.maxAllocBytes() < 0 ? "-" : Memory.gib(d.maxAllocBytes()), d.fp64() ? "yes" : "no",
                d.description());
    }
}
