package dev.squall.host.job;

import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.util.List;

/**
 * What a frame's file was made from, as the manifest records it. Every backend is exact, so equal parameters give
 * identical files: a frame whose parameters changed is redone, one whose parameters match is kept if intact. The view's
 * doubles survive JSON exactly (written as the shortest decimal that reads back to the same double).
 */
public record FrameParameters(String kernel, int width, int height, int maxIter, String precision, List<Double> view,
        String format) {

    public FrameParameters {
        view = List.copyOf(view);
    }

    static FrameParameters of(MandelbrotParams params, FrameFormat format) {
        View v = params.view();
        return new FrameParameters(JobFile.KERNEL, params.width(), params.height(), params.maxIter(),
                params.precision().label(), List.of(v.xMin(), v.xMax(), v.yMin(), v.yMax()), format.label());
    }
}
