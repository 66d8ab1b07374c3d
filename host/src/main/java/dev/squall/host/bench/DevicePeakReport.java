package dev.squall.host.bench;

import java.util.Map;

/**
 * What {@code squall bench device} reports for one device: the headline figures (medians; GB/s are 10^9 bytes a
 * second, a copy counting its reads and its writes), then the details behind each (spread, sizes, every vector width),
 * the runs, and the machine.
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
