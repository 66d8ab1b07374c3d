package dev.squall.host.job;

import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.deep.DeepParams;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.util.List;

/**
 * What a frame's file was made from, as the manifest records it. Every backend is exact, so equal parameters give
 * identical files: a frame whose parameters changed is redone, one whose parameters match is kept if intact. The view's
 * doubles survive JSON exactly (written as the shortest decimal that reads back to the same double). {@code kernel}
 * is the formula's name; {@code c} (julia) and {@code power} (multibrot) are there only for the formulas that take
 * them, so a Mandelbrot frame's record is what it always was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameParameters(String kernel, List<Double> c, Integer power, int width, int height, int maxIter,
        String precision, List<Double> view, List<String> center, String zoom, String format) {

    public FrameParameters {
        view = view == null ? null : List.copyOf(view);
        c = c == null ? null : List.copyOf(c);
        center = center == null ? null : List.copyOf(center);
    }

    static FrameParameters of(EscapeTime frame, FrameFormat format) {
        if (frame instanceof DeepParams deep) {
            // The decimals as written (BigDecimal's own text), so equal strings mean equal views exactly.
            return new FrameParameters("mandelbrot", null, null, deep.width(), deep.height(), deep.maxIter(), "deep",
                    null, List.of(deep.view().re().toString(), deep.view().im().toString()),
                    deep.view().zoom().toString(), format.label());
        }
        MandelbrotParams params = (MandelbrotParams) frame;
        View v = params.view();
        Formula f = params.formula();
        return new FrameParameters(f.name(), f instanceof Formula.Julia j ? List.of(j.cr(), j.ci()) : null,
                f instanceof Formula.Multibrot m ? m.power() : null, params.width(), params.height(),
                params.maxIter(), params.precision().label(), List.of(v.xMin(), v.xMax(), v.yMin(), v.yMax()), null,
                null, format.label());
    }
}
