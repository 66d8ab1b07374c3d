package dev.squall.host.render;

import dev.squall.host.buffer.CountsBuffer;

/**
 * A finished render: the counts (owned by the caller, who closes them) and what it cost. {@code seconds} is the
 * render itself, transfers included; {@code prepareSeconds} the one-time build before it.
 */
public record RenderResult(CountsBuffer counts, String device, int bands, double seconds, double prepareSeconds,
        long iterations) {

    /** Iterations per second, in billions (the sum of counts over the render's time). */
    public double giterPerSecond() {
        return iterations / seconds / 1e9;
    }
}
