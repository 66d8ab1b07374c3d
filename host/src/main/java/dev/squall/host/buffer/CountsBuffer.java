package dev.squall.host.buffer;

import dev.squall.host.tiling.Band;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * An image of u32 counts, row-major, little-endian (the {@code --counts} file format), off the heap so that its size
 * is bound by the machine's memory, not by the Java heap or the 2^31 limit of arrays. Shared between threads;
 * closing frees it.
 */
public final class CountsBuffer implements AutoCloseable {
    /** One count: u32 little-endian, whatever the host's order (the file format and OpenCL devices agree). */
    public static final ValueLayout.OfInt COUNT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final MemorySegment segment;
    private final int width;
    private final int height;

    private CountsBuffer(int width, int height) {
        this.width = width;
        this.height = height;
        this.arena = Arena.ofShared();
        this.segment = arena.allocate((long) width * height * Integer.BYTES, Integer.BYTES);
    }

    /** Allocates a {@code width x height} buffer; check {@link HostMemory} first for a clear error. */
    public static CountsBuffer allocate(int width, int height) {
        return new CountsBuffer(width, height);
    }

    public static long bytesFor(long width, long height) {
        return width * height * Integer.BYTES;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long pixels() {
        return (long) width * height;
    }

    public MemorySegment segment() {
        return segment;
    }

    /** The part of the buffer that holds {@code band}. */
    public MemorySegment band(Band band) {
        return segment.asSlice(band.firstPixel(width) * Integer.BYTES, band.pixels(width) * Integer.BYTES);
    }

    /** The count at pixel index {@code index} ({@code py * width + px}), as an unsigned value. */
    public long get(long index) {
        return Integer.toUnsignedLong(segment.getAtIndex(COUNT, index));
    }

    /** The sum of all counts: the number of iterations the render performed. */
    public long sum() {
        long sum = 0;
        for (long i = 0, n = pixels(); i < n; i++) {
            sum += get(i);
        }
        return sum;
    }

    /** CRC-32 of the counts as written to a {@code --counts} file. */
    public long crc32() {
        CRC32 crc = new CRC32();
        long chunk = 1L << 30;
        for (long offset = 0; offset < segment.byteSize(); offset += chunk) {
            crc.update(segment.asSlice(offset, Math.min(chunk, segment.byteSize() - offset)).asByteBuffer());
        }
        return crc.getValue();
    }

    @Override
    public void close() {
        arena.close();
    }
}
