package dev.squall.host.tiling;

import java.util.List;

/**
 * The tiles of a render: bands of whole rows, always several, also when the image fits one allocation. Enough of
 * them to share between devices and cores and to report progress ({@value #TILES_PER_DEVICE} a device when the image
 * is large enough), few enough that each launch and transfer stays negligible (at least {@value #MIN_TILE_PIXELS}
 * pixels, 1 MiB of counts), and none larger than {@value #MAX_TILE_PIXELS} pixels or than a backend may hold.
 */
public final class TilePlan {
    static final int TILES_PER_DEVICE = 8;
    static final long MIN_TILE_PIXELS = 1L << 18;
    static final long MAX_TILE_PIXELS = 1L << 22;

    private TilePlan() {
    }

    /**
     * Tiles of a {@code width x height} image for {@code devices} devices, each at most {@code maxPixels}.
     *
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in rows, at least 1
     * @param devices how many devices share the tiles, at least 1
     * @param maxPixels the most pixels one tile may hold: the smallest {@link dev.squall.host.Backend#maxBandPixels()}
     *     of the devices
     * @return consecutive bands from row 0 down, as {@link BandPlan#split} makes them
     * @throws IllegalArgumentException when {@code width} is more than {@code maxPixels}
     */
    public static List<Band> split(int width, int height, int devices, long maxPixels) {
        long total = (long) width * height;
        long target = Math.clamp(total / ((long) TILES_PER_DEVICE * devices), MIN_TILE_PIXELS, MAX_TILE_PIXELS);
        return BandPlan.split(width, height, Math.max(Math.min(target, maxPixels), Math.min(width, maxPixels)));
    }
}
