package dev.squall.host.tiling;

/** Rows {@code [firstRow, firstRow + rows)} of an image: the unit of work handed to a backend. */
public record Band(int firstRow, int rows) {
    public Band {
        if (firstRow < 0 || rows < 1) {
            throw new IllegalArgumentException("band " + firstRow + "+" + rows);
        }
    }

    public long firstPixel(int width) {
        return (long) firstRow * width;
    }

    public long pixels(int width) {
        return (long) rows * width;
    }
}
