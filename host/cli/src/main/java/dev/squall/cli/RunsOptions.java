package dev.squall.cli;

import dev.squall.kernels.InvalidParameterException;
import picocli.CommandLine.Option;

/** How every {@code bench} command repeats a measurement: runs discarded first, then the runs whose median counts. */
final class RunsOptions {
    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Measured runs. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Runs discarded before measuring. Default: ${DEFAULT-VALUE}.")
    int warmup;

    /** Refuses no measured run or a negative warm-up, naming the value. */
    void check() {
        if (runs < 1) {
            throw new InvalidParameterException("runs", runs, "at least 1");
        }
        if (warmup < 0) {
            throw new InvalidParameterException("warmup", warmup, "0 or more");
        }
    }
}
