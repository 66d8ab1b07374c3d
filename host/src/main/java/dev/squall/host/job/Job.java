package dev.squall.host.job;

import dev.squall.host.device.DeviceSpec;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated job: the frames to render (one validated parameter record each; they differ only in their view), where
 * to run them, and where and how to write them. {@link JobFile} makes one from a job file.
 */
public record Job(List<MandelbrotParams> frames, DeviceSpec device, Path dir, FrameFormat format) {
    public Job {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a job without frames");
        }
    }

    /** Width, height, iterations and precision, which all frames share. */
    public MandelbrotParams first() {
        return frames.getFirst();
    }

    public String fileName(int frame) {
        return format.fileName(frame);
    }
}
