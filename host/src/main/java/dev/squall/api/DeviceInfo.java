package dev.squall.api;

/**
 * One device, as {@link Engine#open} names it.
 *
 * @param id the id {@code open} takes: {@code opencl:0:0}, {@code tornado:0}, {@code cpu}
 * @param type {@code GPU}, {@code CPU}, {@code ACCELERATOR}, {@code CPU (Java)} ...
 * @param computeUnits compute units (OpenCL), or threads (the CPU backend)
 * @param globalMemBytes the device's memory (the CPU backend: what this process may use)
 * @param maxAllocBytes the largest buffer, or -1 where there is no such limit
 * @param fp64 whether it computes in double precision
 * @param description name, platform and driver, or what the CPU backend runs on
 */
public record DeviceInfo(String id, String type, int computeUnits, long globalMemBytes, long maxAllocBytes,
        boolean fp64, String description) {
}
