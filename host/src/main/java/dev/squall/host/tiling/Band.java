package dev.squall.host.tiling;

/**
 * Rows {@code [firstRow, firstRow + rows)} of an image: the unit of work handed to a backend.
 *
 * @param firstRow the band's first row, from 0
 * @param rows how many rows it has, at least 1
 */
public record Band(int firstRow, int rows) {
    /**
     * Checks the rows.
     *
     * @throws IllegalArgumentException when {@code firstRow} is negative or {@code rows} is below 1
     */
    public Band {
        if (firstRow < 0 || rows < 1) {
            throw new IllegalArgumentException("band " + firstRow + "+" + rows);
        }
    }

    /**
     * Where the band starts in its row-major image.
     *
     * @param width the image's width in pixels
     * @return the index of the band's first pixel, {@code firstRow * width}
     */
    public long firstPixel(int width) {
        return (long) firstRow * width;
    }

    /**
     * How many pixels the band holds.
     *
     * @param width the image's width in pixels
     * @return {@code rows * width}
     */
    public long pixels(int width) {
        return (long) rows * width;
    }
}
