package dev.squall.spark;

import dev.squall.api.DeviceInfo;
import dev.squall.api.DeviceReport;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code squall-gpu-discovery.sh} prints for Spark's resource discovery: this host's OpenCL GPUs as the
 * resource {@code gpu}, each address the device's id ({@code {"name":"gpu","addresses":["opencl:0:0","opencl:1:0"]}}),
 * which is what a task given it opens. No OpenCL, or no GPU among its devices: no addresses (and why, on stderr).
 */
public final class GpuDiscovery {
    private GpuDiscovery() {
    }

    /**
     * Prints the resource's JSON on stdout.
     *
     * @param args none
     */
    public static void main(String... args) {
        DeviceReport report = DeviceReport.probe();
        report.openClProblem().ifPresent(why -> System.err.println("squall-gpu-discovery: " + why));
        System.out.println(json(report.openCl()));
    }

    /** The resource's JSON for {@code devices}: the GPUs among them, by id, in the ICD loader's order. */
    static String json(List<DeviceInfo> devices) {
        return devices.stream().filter(d -> d.type().toUpperCase(Locale.ROOT).equals("GPU"))
                .map(d -> "\"" + d.id() + "\"")
                .collect(Collectors.joining(",", "{\"name\":\"" + GpuAddresses.RESOURCE + "\",\"addresses\":[", "]}"));
    }
}
