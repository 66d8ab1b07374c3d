package dev.squall.host.opencl;

import dev.squall.api.DeviceInfo;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as the ICD loader reports it, with the id users type: {@code opencl:P:D}, the platform's and
 * the device's index in the loader's order.
 */
public record OpenClDevice(
        int platformIndex,
        int deviceIndex,
        cl_platform_id platform,
        cl_device_id device,
        String platformName,
        String name,
        Type type,
        int computeUnits,
        long globalMemBytes,
        long maxAllocBytes,
        boolean fp64,
        String driverVersion,
        String openClVersion) {

    public enum Type { GPU, CPU, ACCELERATOR, OTHER }

    /** Whether the device lists {@code extension} (such as cl_khr_fp16) in CL_DEVICE_EXTENSIONS. */
    public boolean hasExtension(String extension) {
        return java.util.Arrays.asList(OpenCl.deviceString(device, org.jocl.CL.CL_DEVICE_EXTENSIONS).split("\\s+"))
                .contains(extension);
    }

    public String id() {
        return "opencl:" + platformIndex + ":" + deviceIndex;
    }

    /** The id and the device's name, as summaries print it. */
    public String label() {
        return id() + " (" + name + ")";
    }

    /** {@return what {@code squall devices} lists of this device} */
    public DeviceInfo info() {
        return new DeviceInfo(id(), type().toString(), computeUnits(), globalMemBytes(), maxAllocBytes(), fp64(),
                name() + " / " + platformName() + " / driver " + driverVersion() + ", " + openClVersion());
    }
}
