package dev.squall.spark;

import dev.squall.api.EngineException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The device a task renders on, from the GPU addresses Spark gave it ({@code TaskContext} resources named
 * {@code gpu}). Squall's discovery script ({@code squall-gpu-discovery.sh}) gives each of a host's OpenCL GPUs as
 * the id {@code squall devices} and {@code --device} use, {@code opencl:P:D}, so an address is a device; a task given
 * several renders each frame on all of them, sharing its tiles.
 */
final class GpuAddresses {
    /** Spark's name for the resource (spark.executor.resource.gpu.amount, spark.task.resource.gpu.amount). */
    static final String RESOURCE = "gpu";

    private static final Pattern OPENCL_ID = Pattern.compile("opencl:\\d{1,6}:\\d{1,6}");

    private GpuAddresses() {
    }

    /**
     * The device list for {@code addresses} ({@code opencl:0:1}, or {@code opencl:0:0,opencl:0:1} for two).
     *
     * @throws EngineException {@link EngineException.Reason#INVALID}, naming the address, when one is not an
     *     OpenCL device id: addresses from another discovery script (NVIDIA's numbers GPUs 0, 1, ... in CUDA's
     *     order, which is not OpenCL's)
     */
    static String device(List<String> addresses) {
        for (String address : addresses) {
            if (!OPENCL_ID.matcher(address).matches()) {
                throw new EngineException("GPU address \"" + address + "\" is not an OpenCL device id"
                        + " (opencl:P:D, as squall devices lists them): give the executors Squall's discovery script,"
                        + " squall-gpu-discovery.sh (spark.executor.resource.gpu.discoveryScript, or"
                        + " spark.worker.resource.gpu.discoveryScript on a standalone cluster)", null,
                        EngineException.Reason.INVALID, false);
            }
        }
        return String.join(",", addresses);
    }
}
