package dev.squall.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.squall.host.device.DeviceSelector;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.kernels.Precision;

/**
 * The OpenCL device tests run on. Without one, a developer's run skips those tests with the reason; with
 * {@code CI=true} it is a failure, so CI can never pass with OpenCL silently untested.
 */
public final class OpenClTestDevice {
    private OpenClTestDevice() {
    }

    /** The best device that runs {@code precision}. */
    public static OpenClDevice require(Precision precision) {
        OpenClProbe probe = OpenCl.probe();
        var device = DeviceSelector.best(probe, precision);
        if (device.isEmpty()) {
            String why = "no OpenCL device for " + precision + ": "
                    + probe.problem().orElse("devices found: " + probe.devices())
                    + " (./test installs PoCL when it can)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true requires an OpenCL device; " + why);
            }
            assumeTrue(false, why);
        }
        return device.get();
    }
}
