package dev.squall.host.render;

import dev.squall.host.BandStats;
import dev.squall.host.buffer.CountsBuffer;

/**
 * A finished render: the counts (owned by the caller, who closes them) and what it cost. {@code seconds} is the
 * render itself, transfers included; {@code prepareSeconds} the one-time build before it; {@code iterations} the
 * sum of counts; {@code stages} the iterations actually executed and the time per stage, summed over bands.
 */
public record RenderResult(CountsBuffer counts, String device, int bands, double seconds, double prepareSeconds,
        long iterations, BandStats stages, String report) {

    /** The effective rate in billions of iterations per second: the sum of counts over the render's time. */
    public double giterPerSecond() {
        return iterations / seconds / 1e9;
    }
}
