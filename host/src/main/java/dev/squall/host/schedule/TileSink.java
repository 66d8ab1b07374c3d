package dev.squall.host.schedule;

import dev.squall.host.tiling.Band;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Takes the tiles of a streamed run in image order: {@code tile.rows() x width} pixels in the kernel's layout
 * (u32 counts little-endian, or RGBA8).
 */
@FunctionalInterface
public interface TileSink {
    /**
     * Takes one tile.
     *
     * @param tile its rows
     * @param pixels its pixels, only valid during the call
     * @throws IOException when the sink cannot take it: the run stops and throws it
     */
    void accept(Band tile, MemorySegment pixels) throws IOException;
}
