package dev.squall.api.bench;

import dev.squall.host.opencl.OpenCl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine, JVM and OpenCL devices (with their platform and driver) a figure was measured on, so that every
 * result carries its context.
 *
 * @param cpu the CPU's model name, from {@code /proc/cpuinfo}, or {@code unknown} where that cannot be read
 * @param cores the logical processors available to the JVM
 * @param os the operating system's name and version, as the JVM reports them ({@code Linux 6.8.0})
 * @param arch the architecture, as the JVM names it ({@code amd64}, {@code aarch64})
 * @param jvm the Java runtime's version, as {@link Runtime#version()} gives it ({@code 25.0.3+9-LTS})
 * @param jvmVendor the JVM's vendor and name
 * @param openclDevices one line an OpenCL device the loader lists: its id, name, platform, driver version and
 *     OpenCL version; empty without OpenCL
 */
public record Environment(String cpu, int cores, String os, String arch, String jvm, String jvmVendor,
        List<String> openclDevices) {

    /** {@return this machine, this JVM and the OpenCL devices here, read now} */
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
