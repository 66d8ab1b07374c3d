package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Kernel;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An image chain over one RGBA8 image, as a {@link Kernel}: the steps, in order, and the source pixels (the
 * invocation's input, never modified). Row {@code r} of the result depends on the source's rows within
 * {@link #halo()} of it (the sum of the neighbourhood operations' radii: each spreads the one before by its own), so
 * a band computed from its rows and that many more on each side, edges clamped at the image's own edges, equals the
 * same rows of the whole result, byte for byte.
 */
public final class ImageChain implements Kernel {
    private final List<ImageStep> steps;
    private final int width;
    private final int height;
    private final byte[] rgba;
    private final int halo;

    /**
     * A chain over an image; {@code rgba} is kept, not copied.
     *
     * @param steps the operations, applied in order
     * @param width the image's width in pixels, at least 1
     * @param height the image's height in pixels, at least 1
     * @param rgba {@code 4 * width * height} bytes, row-major, R G B A
     * @throws InvalidParameterException when {@code width} or {@code height} is below 1
     * @throws IllegalArgumentException when {@code rgba} is not {@code 4 * width * height} bytes
     */
    public ImageChain(List<? extends ImageStep> steps, int width, int height, byte[] rgba) {
        if (width < 1) {
            throw new InvalidParameterException("width", width, "a positive integer");
        }
        if (height < 1) {
            throw new InvalidParameterException("height", height, "a positive integer");
        }
        if (rgba.length != 4L * width * height) {
            throw new IllegalArgumentException(width + "x" + height + " RGBA needs " + 4L * width * height
                    + " bytes, got " + rgba.length);
        }
        this.steps = List.copyOf(steps);
        this.width = width;
        this.height = height;
        this.rgba = rgba;
        this.halo = steps.stream().mapToInt(s -> s instanceof NeighbourhoodStep n ? n.radius() : 0).sum();
    }

    /** {@return the operations, in order} */
    public List<ImageStep> steps() {
        return steps;
    }

    /** {@return the source pixels, 4 bytes each, row-major; not to be modified} */
    public byte[] rgba() {
        return rgba;
    }

    @Override
    public String name() {
        return "image chain";
    }

    @Override
    public Layout layout() {
        return Layout.RGBA8;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int halo() {
        return halo;
    }

    /**
     * The source rows a band is computed from: the band and {@link #halo()} rows on each side, within the image.
     *
     * @param firstRow the band's first row
     * @param rows the band's rows
     * @return the rows to read
     */
    public Reach reach(int firstRow, int rows) {
        Objects.checkFromIndexSize(firstRow, rows, height);
        return new Reach(Math.max(0, firstRow - halo), Math.min(height, firstRow + rows + halo), firstRow);
    }

    /**
     * Source rows {@code from .. to - 1} around a band starting at row {@code first}.
     *
     * @param from the first source row read
     * @param to one past the last source row read
     * @param first the band's first row: its output starts {@code first - from} rows into the computed rows
     */
    public record Reach(int from, int to, int first) {
        /** {@return how many rows are read} */
        public int rows() {
            return to - from;
        }

        /** {@return rows of the computed part before the band's own: {@code first - from}} */
        public int skip() {
            return first - from;
        }
    }

    /**
     * The source bytes of {@code reach}: the source itself when it is the whole image, else a copy of its rows.
     *
     * @param reach the rows
     * @return {@code 4 * width * reach.rows()} bytes
     */
    public byte[] source(Reach reach) {
        return reach.from() == 0 && reach.to() == height ? rgba
                : Arrays.copyOfRange(rgba, 4 * reach.from() * width, 4 * reach.to() * width);
    }

    /** How a backend computes the chain over some rows of the source: {@code rows} rows in, as many out. */
    @FunctionalInterface
    public interface RowsCompute {
        /**
         * Computes the chain over {@code rows} rows.
         *
         * @param rows how many rows {@code in} holds
         * @param in the rows, R G B A
         * @param out as many bytes, overwritten
         */
        void compute(int rows, byte[] in, byte[] out);
    }

    /**
     * Computes a band: its rows and halo read ({@link #reach}), {@code compute} run over them, the band's own rows
     * kept in {@code out}. A band that is the whole image over a whole byte array is computed straight into it.
     *
     * @param firstRow the band's first row
     * @param rows the band's rows
     * @param out {@code 4 * width * rows} bytes
     * @param compute what computes the chain over rows of the source
     */
    public void band(int firstRow, int rows, MemorySegment out, RowsCompute compute) {
        Reach reach = reach(firstRow, rows);
        byte[] in = source(reach);
        long bytes = 4L * width * rows;
        byte[] direct = reach.rows() == rows && out.heapBase().orElse(null) instanceof byte[] array
                && out.address() == 0 && array.length == bytes && out.byteSize() == bytes ? array : null;
        byte[] result = direct != null ? direct : new byte[in.length];
        compute.compute(reach.rows(), in, result);
        if (direct == null) {
            MemorySegment.copy(MemorySegment.ofArray(result), 4L * reach.skip() * width, out, 0, bytes);
        }
    }

    /**
     * {@link ImageReference#apply} on the band's rows and their halo.
     *
     * @param firstRow the band's first row
     * @param rows the band's rows
     * @param out {@code 4 * width * rows} bytes, R G B A
     */
    @Override
    public void reference(int firstRow, int rows, MemorySegment out) {
        band(firstRow, rows, out, (n, in, result) ->
                System.arraycopy(ImageReference.apply(steps, width, n, in), 0, result, 0, result.length));
    }
    @Override
    public String toString() {
        return "image chain " + steps + " over " + width + "x" + height;
    }
}
