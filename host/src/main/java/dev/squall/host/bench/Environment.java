package dev.squall.host.bench;

import dev.squall.host.opencl.OpenCl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine, JVM and OpenCL devices (with their platform and driver) a figure was measured on, so that every
 * result carries its context.
 */
public record Environment(String cpu, int cores, String os, String arch, String jvm, String jvmVendor,
        List<String> openclDevices) {

    public static Environment current() {
        return new Environment(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.version().toString(), System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"),
                OpenCl.probe().devices().stream().map(d -> d.id() + " " + d.name() + " (" + d.platformName()
                        + ", driver " + d.driverVersion() + ", " + d.openClVersion() + ")").toList());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
