package dev.squall.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * PNG files made byte by byte, for the cases a well-behaved encoder never writes: a header that declares more rows
 * than the image data holds. Grey, 8 bits, no filter; pixel (x, y) is {@code (x + 7y) mod 256}.
 */
public final class TestPngs {
    private TestPngs() {
    }

    /** A {@code width x height} PNG whose compressed data holds only its first {@code rows} rows, then IEND. */
    public static Path grey(Path file, int width, int height, int rows) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(compressed)) {
            byte[] row = new byte[1 + width];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < width; x++) {
                    row[1 + x] = (byte) (x + 7 * y);
                }
                z.write(row);
            }
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        d.writeInt(data.length);
        d.write(name);
        d.write(data);
        d.writeInt((int) crc.getValue());
    }
}
