package dev.squall.host.imageio;

import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** The raw counts format: u32 little-endian, row-major, exactly {@code width * height * 4} bytes, no header. */
public final class CountsFile {
    private static final long CHUNK = 1L << 26;

    private CountsFile() {
    }

    public static void write(Path target, CountsBuffer counts) throws IOException {
        AtomicFile.write(target, content(counts));
    }

    /** The file's bytes, for {@link AtomicFile#prepare}. */
    public static AtomicFile.Content content(CountsBuffer counts) {
        return (out, channel) -> writeCounts(channel, counts);
    }

    /** The counts themselves, straight from the off-heap buffer to the channel (no copy on the heap). */
    static void writeCounts(FileChannel channel, CountsBuffer counts) throws IOException {
        long size = counts.segment().byteSize();
        for (long offset = 0; offset < size; offset += CHUNK) {
            ByteBuffer chunk = counts.segment().asSlice(offset, Math.min(CHUNK, size - offset)).asByteBuffer();
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
    }
}
