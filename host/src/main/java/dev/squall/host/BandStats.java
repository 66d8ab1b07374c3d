package dev.squall.host;

/**
 * What one band cost: iterations actually executed (fewer than the sum of counts when the cycle shortcut stopped
 * orbits early) and wall time per stage. CPU backends have no transfers: all their time is kernel time.
 *
 * @param executedIterations the orbit steps the device ran for the band's pixels
 * @param uploadNanos wall time copying the coordinates to the device, in nanoseconds; 0 on CPU backends
 * @param kernelNanos wall time of the kernel itself, in nanoseconds
 * @param downloadNanos wall time copying the counts (and the executed iterations) back, in nanoseconds; 0 on CPU
 *     backends
 */
public record BandStats(long executedIterations, long uploadNanos, long kernelNanos, long downloadNanos) {
    /** All zero: what a sum over bands starts from. */
    public static final BandStats NONE = new BandStats(0, 0, 0, 0);

    /**
     * The cost of two bands together.
     *
     * @param o the other band's cost
     * @return each component the sum of this one's and {@code o}'s
     */
    public BandStats plus(BandStats o) {
        return new BandStats(executedIterations + o.executedIterations, uploadNanos + o.uploadNanos,
                kernelNanos + o.kernelNanos, downloadNanos + o.downloadNanos);
    }
}
