package dev.squall.api;

/**
 * What a run of a job did.
 *
 * @param rendered frames rendered by this run
 * @param skipped frames done before it started
 * @param byOthers frames written meanwhile by another run sharing the folder
 * @param device the device or devices, as the summary names them
 * @param seconds the run's wall time (rendering, writing, checksums)
 * @param renderSeconds the rendering's own time
 * @param prepareSeconds the program builds' time
 * @param iterations the sum of all counts rendered
 */
public record JobSummary(int rendered, int skipped, int byOthers, String device, double seconds,
        double renderSeconds, double prepareSeconds, long iterations) {

    /** {@return iterations per second of rendering, in billions: the same measure as a render's} */
    public double giterPerSecond() {
        return renderSeconds > 0 ? iterations / renderSeconds / 1e9 : 0;
    }
}
