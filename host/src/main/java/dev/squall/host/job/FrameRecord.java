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
        // A heap buffer: the channel reads through its thread's cached direct buffer. A direct buffer of its own
        // per call is malloc'ed and freed only after a GC, and glibc keeps the pages: 60 MB of RSS in a long job.
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
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
