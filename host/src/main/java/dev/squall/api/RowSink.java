package dev.squall.api;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Takes a streamed render's rows as they are done, in image order, a few rows at a time: what a program uses to
 * write or reduce an image larger than it could hold.
 */
@FunctionalInterface
public interface RowSink {
    /**
     * The next rows.
     *
     * @param firstRow the index of the first row given (0 is the view's {@code yMin})
     * @param rows how many rows follow
     * @param counts {@code rows * width} escape counts, u32 little-endian, row-major; valid only during the call
     * @throws IOException to stop the render (it is thrown by {@link Engine#stream} then)
     */
    void accept(int firstRow, int rows, MemorySegment counts) throws IOException;
}
