package dev.squall.host.render;

import dev.squall.host.tiling.Band;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Takes the tiles of a streamed render in image order: {@code tile.rows() x width} u32 counts, little-endian. */
@FunctionalInterface
public interface TileSink {
    /** {@code counts} is only valid during the call. */
    void accept(Band tile, MemorySegment counts) throws IOException;
}
