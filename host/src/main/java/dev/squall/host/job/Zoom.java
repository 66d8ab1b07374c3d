package dev.squall.host.job;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.mandelbrot.View;
import java.util.ArrayList;
import java.util.List;

/**
 * A geometric zoom on one point: {@code frames} views centred on ({@code centerX}, {@code centerY}) whose widths go
 * from {@code startWidth} to {@code endWidth} by a constant factor, each as tall as the image's aspect makes it.
 * Parameter names are the job file's.
 */
public record Zoom(double centerX, double centerY, double startWidth, double endWidth, int frames) {
    public static final String CENTER_ALLOWED = "2 finite numbers [X, Y]";
    public static final String WIDTH_ALLOWED = "a finite number above 0";
    public static final String FRAMES_ALLOWED = "a positive integer";

    public Zoom {
        if (!Double.isFinite(centerX) || !Double.isFinite(centerY)) {
            throw new InvalidParameterException("center", "[" + centerX + ", " + centerY + "]", CENTER_ALLOWED);
        }
        if (!(startWidth > 0) || !Double.isFinite(startWidth)) {
            throw new InvalidParameterException("start_width", startWidth, WIDTH_ALLOWED);
        }
        if (!(endWidth > 0) || !Double.isFinite(endWidth)) {
            throw new InvalidParameterException("end_width", endWidth, WIDTH_ALLOWED);
        }
        if (frames < 1) {
            throw new InvalidParameterException("frames", frames, FRAMES_ALLOWED);
        }
    }

    /** Frame {@code i}'s width: {@code startWidth * (endWidth / startWidth)^(i / (frames - 1))}; one frame: the start. */
    public double width(int i) {
        if (frames == 1) {
            return startWidth;
        }
        return startWidth * Math.pow(endWidth / startWidth, (double) i / (frames - 1));
    }

    /**
     * The views of an image of {@code width x height} pixels, row 0 at the bottom edge (YMIN) as in {@code render}.
     * A frame whose view cannot exist in doubles (a width too small to tell its edges apart at that centre, or too
     * large to be finite) is an {@link InvalidParameterException} naming the frame.
     */
    public List<View> views(int width, int height) {
        List<View> views = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            double w = width(i);
            double h = w * height / width;
            try {
                views.add(new View(centerX - w / 2, centerX + w / 2, centerY - h / 2, centerY + h / 2));
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("frame " + i + "'s view", e.value(), e.allowed());
            }
        }
        return views;
    }
}
