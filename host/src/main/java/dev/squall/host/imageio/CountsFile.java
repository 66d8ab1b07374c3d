package dev.squall.host.imageio;

import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** The raw counts format: u32 little-endian, row-major, exactly {@code width * height * 4} bytes, no header. */
public final class CountsFile {
    private static final long CHUNK = 1L << 26;

    private CountsFile() {
    }

    public static void write(Path target, CountsBuffer counts) throws IOException {
        AtomicFile.write(target, (out, channel) -> {
            long size = counts.segment().byteSize();
            for (long offset = 0; offset < size; offset += CHUNK) {
                ByteBuffer chunk = counts.segment().asSlice(offset, Math.min(CHUNK, size - offset)).asByteBuffer();
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
        });
    }
}
