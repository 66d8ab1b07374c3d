package dev.squall.host.image;

import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.image.NeighbourhoodStep;
import dev.squall.kernels.image.PixelStep;
import java.util.ArrayList;
import java.util.List;

/**
 * A pass over a whole image: consecutive point operations fused into one pass (each pixel read and written once for
 * all of them), or one neighbourhood operation. The schedule of a chain, the same for every backend.
 */
public sealed interface ImageStage {

    record Points(List<PixelStep> steps) implements ImageStage {
        public Points {
            steps = List.copyOf(steps);
        }
    }

    record Neighbourhood(NeighbourhoodStep step) implements ImageStage {
    }

    /** The stages of {@code chain}, in order. */
    static List<ImageStage> plan(List<? extends ImageStep> chain) {
        List<ImageStage> stages = new ArrayList<>();
        List<PixelStep> points = new ArrayList<>();
        for (ImageStep step : chain) {
            switch (step) {
                case PixelStep p -> points.add(p);
                case NeighbourhoodStep n -> {
                    if (!points.isEmpty()) {
                        stages.add(new Points(points));
                        points.clear();
                    }
                    stages.add(new Neighbourhood(n));
                }
            }
        }
        if (!points.isEmpty() || stages.isEmpty()) {
            stages.add(new Points(points));
        }
        return stages;
    }
}
