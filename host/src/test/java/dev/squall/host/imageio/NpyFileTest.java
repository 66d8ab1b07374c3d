package dev.squall.host.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFileTest {
    @TempDir
    Path dir;

    @Test
    void headerIsVersionOneWithU4LittleEndianShapeHeightWidthPaddedToSixtyFour() {
        byte[] header = NpyFile.header(64, 48);
        // What numpy.save writes for np.zeros((48, 64), dtype='<u4'), byte for byte.
        String dict = "{'descr': '<u4', 'fortran_order': False, 'shape': (48, 64), }";
        byte[] expected = new byte[128];
        byte[] start = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
        System.arraycopy(start, 0, expected, 0, start.length);
        byte[] text = (dict + " ".repeat(118 - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, expected, 10, text.length);
        assertArrayEquals(expected, header);
    }

    @Test
    void headerLengthAlwaysEndsOnASixtyFourByteBoundary() {
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {1001, 777}, {Integer.MAX_VALUE, Integer.MAX_VALUE}}) {
            byte[] header = NpyFile.header(size[0], size[1]);
            assertEquals(0, header.length % 64, Arrays.toString(size));
            int length = (header[8] & 0xFF) | (header[9] & 0xFF) << 8;
            assertEquals(header.length - 10, length, Arrays.toString(size));
            assertEquals('\n', header[header.length - 1], Arrays.toString(size));
        }
    }

    @Test
    void dataFollowsTheHeaderExactlyAsTheCountsFile() throws IOException {
        try (CountsBuffer counts = CountsBuffer.allocate(3, 2)) {
            int[] values = {0, 1, 255, 256, 65536, -1};
            for (int i = 0; i < values.length; i++) {
                counts.segment().setAtIndex(CountsBuffer.COUNT, i, values[i]);
            }
            Path npy = dir.resolve("c.npy");
            Path raw = dir.resolve("c.u32");
            NpyFile.write(npy, counts);
            CountsFile.write(raw, counts);
            byte[] bytes = Files.readAllBytes(npy);
            byte[] header = NpyFile.header(3, 2);
            assertArrayEquals(header, Arrays.copyOf(bytes, header.length));
            byte[] data = Arrays.copyOfRange(bytes, header.length, bytes.length);
            assertArrayEquals(Files.readAllBytes(raw), data);
            int[] read = new int[6];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(read);
            assertArrayEquals(values, read);
        }
    }
}
