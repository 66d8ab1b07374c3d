package dev.squall.host.job;

import dev.squall.host.device.DeviceSpec;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated job: the frames to render (one validated parameter record each, a view by rectangle or a deep zoom's
 * centre and zoom; they differ only in their view), where
 * to run them, and where and how to write them. {@link JobFile} makes one from a job file.
 */
public record Job(List<EscapeTime> frames, DeviceSpec device, Path dir, FrameFormat format) {
    public Job {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a job without frames");
        }
    }

    /** Width, height, iterations and precision, which all frames share. */
    public EscapeTime first() {
        return frames.getFirst();
    }

    /** {@return the precision devices are opened for: the first frame's, or f64 for deep-zoom frames} */
    public Precision precision() {
        return first() instanceof MandelbrotParams p ? p.precision() : Precision.F64;
    }

    public String fileName(int frame) {
        return format.fileName(frame);
    }
}
