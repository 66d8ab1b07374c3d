package dev.squall.host;

/**
 * What one band cost: iterations actually executed (fewer than the sum of counts when the cycle shortcut stopped
 * orbits early) and wall time per stage. CPU backends have no transfers: all their time is kernel time.
 */
public record BandStats(long executedIterations, long uploadNanos, long kernelNanos, long downloadNanos) {
    public static final BandStats NONE = new BandStats(0, 0, 0, 0);

    public BandStats plus(BandStats o) {
        return new BandStats(executedIterations + o.executedIterations, uploadNanos + o.uploadNanos,
                kernelNanos + o.kernelNanos, downloadNanos + o.downloadNanos);
    }
}
