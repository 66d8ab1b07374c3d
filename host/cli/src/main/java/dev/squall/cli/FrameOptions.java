package dev.squall.cli;

import dev.squall.api.FrameSelection;
import picocli.CommandLine.Option;

/** {@code --shard I/N} and {@code --frames A-B}: which of a job's frames a command takes. */
final class FrameOptions {
    @Option(names = "--shard", paramLabel = "I/N", description = {"Only shard I of N (I from 0): frames F with"
            + " F mod N = I, so that every shard gets its share of a zoom's deep frames. Slurm:"
            + " --shard $SLURM_ARRAY_TASK_ID/N; Kubernetes: --shard $JOB_COMPLETION_INDEX/N."})
    String shard;

    @Option(names = "--frames", paramLabel = "A-B", description = "Only frames A to B (both included, numbered from 0"
            + " as the files are), or one frame A; with --shard, that shard's frames among them.")
    String frames;

    /** The selection the options give: every frame when neither is there. */
    FrameSelection selection() {
        FrameSelection selected = FrameSelection.ALL;
        if (shard != null) {
            try {
                selected = FrameSelection.parseShard(shard);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--shard " + e.getMessage());
            }
        }
        if (frames != null) {
            try {
                selected = selected.within(FrameSelection.parseFrames(frames));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--frames " + e.getMessage());
            }
        }
        return selected;
    }

    /** The engine's words for a range past the job's end, as the option: {@code --frames 0-99: the job has ...}. */
    static RuntimeException named(dev.squall.api.EngineException e) {
        String message = e.getMessage();
        return message.startsWith("frames ") ? new UsageException("--" + message) : e;
    }
}
