package dev.squall.testing;

import dev.squall.host.buffer.CountsBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** CRC-32 as shared/reference/seed-kernels.md computes it, and first-difference messages for failures. */
public final class Checksums {
    private Checksums() {
    }

    public static String crc32(CountsBuffer counts) {
        return String.format("%08x", counts.crc32());
    }

    /** The CRC-32 of {@code bytes}, as 8 hex digits. */
    public static String crc32(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    public static String crc32(int[] counts) {
        ByteBuffer bytes = ByteBuffer.allocate(counts.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(counts);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    public static long sum(int[] counts) {
        long sum = 0;
        for (int c : counts) {
            sum += Integer.toUnsignedLong(c);
        }
        return sum;
    }

    /** Null when equal; else where and how the first difference is, for an assertion message. */
    public static String firstDifference(int[] expected, CountsBuffer actual) {
        if (expected.length != actual.pixels()) {
            return "sizes differ: " + expected.length + " vs " + actual.pixels();
        }
        for (int i = 0; i < expected.length; i++) {
            if (Integer.toUnsignedLong(expected[i]) != actual.get(i)) {
                return "first difference at pixel " + i + " (x " + (i % actual.width()) + ", y "
                        + (i / actual.width()) + "): expected " + expected[i] + ", got " + actual.get(i);
            }
        }
        return null;
    }
}
