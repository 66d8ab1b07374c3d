package dev.squall.host;

import dev.squall.api.DeviceInfo;
import dev.squall.kernels.Kernel;

/**
 * One device, opened once, closed once: what it is and, for a kernel, a prepared run or a refusal. Only devices
 * here; scheduling, fallback and verification are written once above this interface, for every kernel
 * ({@code dev.squall.host.schedule.Scheduler}). A family (cpu, opencl, tornado) implements it once, with one
 * {@link KernelRun} implementation per kernel it runs.
 */
public interface Backend extends AutoCloseable {

    /** {@return the id users type and see: {@code cpu}, {@code opencl:0:0}} */
    String id();

    /** {@return the device's family, as {@code --device} names it: {@code cpu}, {@code opencl}, {@code tornado}} */
    String family();

    /** {@return the device: its type, compute units, memory, largest buffer, fp64, name and driver} */
    DeviceInfo info();

    /** {@return one line for summaries: the id and what the device is} */
    String label();

    /**
     * {@return the most pixels one band may hold on this device (its allocation limit), or {@link Long#MAX_VALUE}
     * for no limit}
     */
    long maxBandPixels();

    /**
     * Prepares {@code kernel} on this device: builds its program (once per device and program, kept for later
     * invocations) and uploads its per-invocation data, or refuses before any work starts. Not thread-safe with
     * other calls on this backend: the scheduler gives each device one thread.
     *
     * @param kernel what to compute
     * @param schedule how to run it; never changes a result
     * @return the run, which the caller closes
     * @throws KernelRefusedException when this device does not run {@code kernel} (a kernel or formula its family
     *     lacks, a size its buffers cannot hold)
     * @throws UnsupportedOperationException when the device cannot compute in the kernel's precision (OpenCL
     *     without fp64)
     * @throws DeviceException when the device fails while preparing
     */
    KernelRun prepare(Kernel kernel, Schedule schedule);

    @Override
    void close();
}
