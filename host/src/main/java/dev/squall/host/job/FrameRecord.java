package dev.squall.host.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One finished frame in the manifest: its file (a name in the output folder), its index in the job, the file's size
 * and CRC-32 (8 hex digits, of the file's bytes), and the parameters it was rendered with.
 */
public record FrameRecord(String file, int frame, long bytes, String crc32, FrameParameters parameters) {

    /** The CRC-32 of a file's bytes, as the manifest writes it. */
    static String crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
