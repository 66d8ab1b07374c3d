package dev.squall.api.bench;

import java.util.Map;

/**
 * What {@code squall bench device} reports for one device: the headline figures (medians; GB/s are 10^9 bytes a
 * second, a copy counting its reads and its writes), then the details behind each (spread, sizes, every vector width),
 * the runs, and the machine.
 *
 * @param device the device's id, as users type it: {@code opencl:P:D}
 * @param deviceName the device's name, as its driver reports it
 * @param platform the OpenCL platform's name
 * @param driver the driver's version
 * @param openclVersion the OpenCL version the device reports
 * @param type {@code gpu}, {@code cpu}, {@code accelerator} or {@code other}
 * @param computeUnits the device's compute units
 * @param globalBandwidthGbps global memory bandwidth, in GB/s: a kernel copying one buffer into another, at the
 *     vector width whose median is highest ({@link Details#copyGbpsByWidth()})
 * @param h2dGbps host-to-device transfer, in GB/s: a blocking write of the buffer from host memory
 * @param d2hGbps device-to-host transfer, in GB/s: a blocking read of the buffer into host memory
 * @param h2dMapGbps host-to-device through a mapping, in GB/s: map the buffer for writing, copy host memory into
 *     it, unmap
 * @param d2hMapGbps device-to-host through a mapping, in GB/s: map the buffer for reading, copy it into host
 *     memory, unmap
 * @param launchLatencyUs the round trip of an empty kernel on one work-item, launched and waited for, in
 *     microseconds: 200 in a row, the time over 200
 * @param fp32Gflops the fp32 compute peak, in GFLOP/s: two dependent chains of multiply-adds on {@code float16}
 *     vectors a work-item, a multiply-add counting 2 flops
 * @param fp64Gflops as {@code fp32Gflops}, in double precision; null where the device has no fp64
 *     ({@link Details#fp64Missing()})
 * @param fp16Gflops as {@code fp32Gflops}, in half precision; null where the device has no fp16 or the kernel did
 *     not build ({@link Details#fp16Missing()})
 * @param int32Gops the int32 peak, in 10^9 operations a second: the same chains in 32-bit integers, a multiply
 *     and an add counting 2
 * @param hostCopyGbps the host's own copy of a buffer of the same size, in GB/s (reads and writes counted): one
 *     Java thread, between two native segments, as a reference for the bandwidth figures
 * @param details the spread and sizes behind each figure
 * @param warmupRuns runs of each figure done first, not measured
 * @param runs runs of each figure measured
 * @param environment the machine the figures were measured on
 */
public record DevicePeakReport(
        String device,
        String deviceName,
        String platform,
        String driver,
        String openclVersion,
        String type,
        int computeUnits,
        double globalBandwidthGbps,
        double h2dGbps,
        double d2hGbps,
        double h2dMapGbps,
        double d2hMapGbps,
        double launchLatencyUs,
        double fp32Gflops,
        Double fp64Gflops,
        Double fp16Gflops,
        double int32Gops,
        double hostCopyGbps,
        Details details,
        int warmupRuns,
        int runs,
        Environment environment) {

    /**
     * How each figure was measured: buffer bytes, work-items and operations per item of the compute kernels, the copy
     * bandwidth at each vector width, and each figure's spread; why a figure is absent.
     *
     * @param bufferBytes the size of each buffer the bandwidth and transfer figures move, in bytes: the largest power
     *     of two within a quarter of the device's largest allocation (1 MiB at least), 256 MiB at most
     * @param computeItems work-items of each compute kernel: 16,384 a compute unit
     * @param opsPerItem operations a work-item of a compute kernel does: 2 (a multiply-add) x 16 lanes x 2 chains
     *     x 8 steps x 64 loops
     * @param copyGbpsByWidth the copy kernel's bandwidth at each vector width, in GB/s, keyed {@code float},
     *     {@code float2}, {@code float4}, {@code float8}, {@code float16}
     * @param h2dGbps {@link DevicePeakReport#h2dGbps()} with its spread, in GB/s
     * @param d2hGbps {@link DevicePeakReport#d2hGbps()} with its spread, in GB/s
     * @param h2dMapGbps {@link DevicePeakReport#h2dMapGbps()} with its spread, in GB/s
     * @param d2hMapGbps {@link DevicePeakReport#d2hMapGbps()} with its spread, in GB/s
     * @param hostCopyGbps {@link DevicePeakReport#hostCopyGbps()} with its spread, in GB/s
     * @param launchLatencyUs {@link DevicePeakReport#launchLatencyUs()} with its spread, in microseconds
     * @param fp32Gflops {@link DevicePeakReport#fp32Gflops()} with its spread, in GFLOP/s
     * @param fp64Gflops {@link DevicePeakReport#fp64Gflops()} with its spread, in GFLOP/s; null when not measured
     * @param fp16Gflops {@link DevicePeakReport#fp16Gflops()} with its spread, in GFLOP/s; null when not measured
     * @param int32Gops {@link DevicePeakReport#int32Gops()} with its spread, in 10^9 operations a second
     * @param fp64Missing why there is no fp64 figure (the device lacks cl_khr_fp64); null when there is one
     * @param fp16Missing why there is no fp16 figure (the device lacks cl_khr_fp16, or the kernel did not build,
     *     with the build's message); null when there is one
     */
    public record Details(
            long bufferBytes,
            long computeItems,
            long opsPerItem,
            Map<String, Figure> copyGbpsByWidth,
            Figure h2dGbps,
            Figure d2hGbps,
            Figure h2dMapGbps,
            Figure d2hMapGbps,
            Figure hostCopyGbps,
            Figure launchLatencyUs,
            Figure fp32Gflops,
            Figure fp64Gflops,
            Figure fp16Gflops,
            Figure int32Gops,
            String fp64Missing,
            String fp16Missing) {
    }
}
