package dev.squall.host.opencl;

import java.util.List;
import java.util.Optional;

/**
 * What the machine offers: every OpenCL device found, or why there are none (no ICD loader, no platform).
 */
public record OpenClProbe(List<OpenClDevice> devices, Optional<String> problem) {

    public OpenClProbe {
        devices = List.copyOf(devices);
    }

    static OpenClProbe unavailable(String why) {
        return new OpenClProbe(List.of(), Optional.of(why));
    }

    public Optional<OpenClDevice> find(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
