package dev.squall.host.tiling;

import java.util.ArrayList;
import java.util.List;

/** Splits an image into bands of whole rows that each fit a backend's limit. */
public final class BandPlan {
    private BandPlan() {
    }

    /**
     * Bands of at most {@code maxPixels} pixels covering all {@code height} rows, as even as possible (so the last band
     * is not a sliver). Throws when one row alone is over the limit.
     *
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in rows, at least 1
     * @param maxPixels the most pixels one band may hold
     * @return consecutive bands from row 0 down, their row counts differing by at most 1
     * @throws IllegalArgumentException when {@code width} is more than {@code maxPixels}
     */
    public static List<Band> split(int width, int height, long maxPixels) {
        if (width > maxPixels) {
            throw new IllegalArgumentException("one row of " + width + " pixels is more than a band may hold ("
                    + maxPixels + " pixels)");
        }
        long rowsPerBand = Math.min(height, maxPixels / width);
        int bands = (int) ((height + rowsPerBand - 1) / rowsPerBand);
        List<Band> plan = new ArrayList<>(bands);
        int first = 0;
        for (int i = 0; i < bands; i++) {
            int rows = (int) ((long) height * (i + 1) / bands) - first;
            plan.add(new Band(first, rows));
            first += rows;
        }
        return plan;
    }
}
