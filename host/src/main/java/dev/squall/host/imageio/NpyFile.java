package dev.squall.host.imageio;

import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Counts as a NumPy {@code .npy} file, format version 1.0: the magic {@code \x93NUMPY}, the version, a little-endian
 * u16 header length, then the header, a Python dict literal padded with spaces and ended by a newline so that the
 * data starts at a multiple of 64 bytes; then the counts exactly as in a {@code --counts} file. {@code numpy.load}
 * gives an array of dtype {@code <u4} (little-endian u32) and shape {@code (height, width)}, row 0 first.
 */
public final class NpyFile {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** The data starts at a multiple of this (the format's own rule, for memory-mapped reads). */
    private static final int ALIGNMENT = 64;

    private NpyFile() {
    }

    public static void write(Path target, CountsBuffer counts) throws IOException {
        AtomicFile.write(target, content(counts));
    }

    /** The file's bytes, for {@link AtomicFile#prepare}. */
    public static AtomicFile.Content content(CountsBuffer counts) {
        return (out, channel) -> {
            out.write(header(counts.width(), counts.height()));
            out.flush();
            CountsFile.writeCounts(channel, counts);
        };
    }

    /** Everything before the data: magic, version, header length and the padded header. */
    public static byte[] header(int width, int height) {
        String dict = "{'descr': '<u4', 'fortran_order': False, 'shape': (" + height + ", " + width + "), }";
        int prefix = MAGIC.length + Short.BYTES;
        int unpadded = prefix + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        byte[] header = new byte[total];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        int length = total - prefix;
        header[MAGIC.length] = (byte) length;
        header[MAGIC.length + 1] = (byte) (length >>> 8);
        byte[] text = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, prefix, text.length);
        return header;
    }
}
