package dev.squall.host.job;

/**
 * What a run of a job did: frames rendered, skipped (done before it started) and written meanwhile by another run
 * sharing the folder ({@code byOthers}), on which device, the run's wall time (rendering, writing,
 * checksums), the rendering's own time and the program build's, and the iterations (the sum of all counts).
 */
public record JobResult(int rendered, int skipped, int byOthers, String device, double seconds, double renderSeconds,
        double prepareSeconds, long iterations) {

    /** Iterations per second of rendering, in billions: the same measure as {@code render}'s. */
    public double giterPerSecond() {
        return renderSeconds > 0 ? iterations / renderSeconds / 1e9 : 0;
    }
}
