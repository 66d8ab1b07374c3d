package dev.squall.kernels.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.kernels.InvalidParameterException;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelReferenceTest {

    /** shared/reference/seed-kernels.md: byte i of the input is (i * 31) % 256. */
    static byte[] seedInput(int width, int height) {
        return PixelReference.seedImage(width, height);
    }

    static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    @ParameterizedTest(name = "{0}x{1} factor {2}")
    @CsvSource({"1920, 1080, 1.2, d9e66ea0", "1, 1, 0.5, f298bbf6"})
    void brightnessMatchesTheSeedChecksums(int w, int h, float factor, String crc) {
        byte[] in = seedInput(w, h);
        byte[] copy = in.clone();
        assertEquals(crc, crc32(PixelReference.apply(List.of(PixelOp.parse("brightness=" + factor)), in)));
        assertArrayEquals(copy, in, "the input is not modified");
    }

    @Test
    void eachOperationOnOnePixel() {
        byte[] px = {(byte) 200, 100, 50, 77};
        assertArrayEquals(new byte[] {(byte) 240, 120, 60, 77}, apply("brightness=1.2", px));
        // 200 * 1.3 saturates; 1.3f is 1.29999995 but 100 * 1.3f rounds to exactly 130.0f in single precision
        assertArrayEquals(new byte[] {(byte) 255, (byte) 130, 65, 77}, apply("brightness=1.3", px));
        // 0.53f is 0.52999997: 200 * 0.53f = 105.99999 and 100 * 0.53f = 52.999996 truncate (the seed's rule);
        // 50 * 0.53f = 26.499998 -> 26
        assertArrayEquals(new byte[] {105, 52, 26, 77}, apply("brightness=0.53", px));
        assertArrayEquals(new byte[] {55, (byte) 155, (byte) 205, 77}, apply("invert", px));
        // (200 - 128) * 1.5 + 128 = 236; (100 - 128) * 1.5 + 128 = 86; (50 - 128) * 1.5 + 128 = 11
        assertArrayEquals(new byte[] {(byte) 236, 86, 11, 77}, apply("contrast=1.5", px));
        // 0.2126 * 200 + 0.7152 * 100 + 0.0722 * 50 = 117.61 -> 118
        assertArrayEquals(new byte[] {118, 118, 118, 77}, apply("grayscale", px));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, 77}, apply("threshold=117", px));
        assertArrayEquals(new byte[] {0, 0, 0, 77}, apply("threshold=118", px));
        // 0.393*200+0.769*100+0.189*50 = 165.0; 0.349*200+0.686*100+0.168*50 = 146.8; 0.272*200+0.534*100+0.131*50 = 114.35
        assertArrayEquals(new byte[] {(byte) 165, (byte) 147, 114, 77}, apply("sepia", px));
        assertArrayEquals(new byte[] {(byte) 200, 100, 50, 77}, apply("gamma=1", px));
        assertEquals(PixelReference.gammaTable(2.2f)[100], apply("gamma=2.2", px)[1] & 0xFF);
        assertEquals((int) Math.rint(255 * Math.pow(100 / 255.0, 1 / 2.2f)), apply("gamma=2.2", px)[1] & 0xFF);
    }

    @Test
    void roundingTiesGoToEven() {
        // contrast=0.5 on 129: (129 - 128) * 0.5 + 128 = 128.5 -> 128; on 131: 129.5 -> 130
        assertArrayEquals(new byte[] {(byte) 128, (byte) 130, (byte) 128, 1},
                apply("contrast=0.5", new byte[] {(byte) 129, (byte) 131, (byte) 128, 1}));
    }

    @Test
    void chainsApplyInOrder() {
        byte[] px = {(byte) 200, 100, 50, 9};
        assertArrayEquals(apply("grayscale", apply("invert", px)),
                PixelReference.apply(List.of(PixelOp.parse("invert"), PixelOp.parse("grayscale")), px));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        brightness=-1    | brightness=F with F a finite number >= 0
        brightness=NaN   | brightness=F with F a finite number >= 0
        brightness=Infinity | brightness=F with F a finite number >= 0
        brightness       | brightness=F
        brightness=x     | brightness=F with a number
        gamma=0          | gamma=G with G a finite number > 0
        threshold=256    | threshold=T with T an integer from 0 to 255
        threshold=1.5    | threshold=T with T an integer from 0 to 255
        invert=2         | invert without an argument
        """)
    void badStepsNameTheTextAndWhatIsAllowed(String text, String allowed) {
        var e = assertThrows(InvalidParameterException.class, () -> PixelOp.parse(text));
        assertEquals("op must be " + allowed + ", got \"" + text + "\"", e.getMessage());
    }

    @Test
    void unknownOperationListsTheKnownOnes() {
        var e = assertThrows(InvalidParameterException.class, () -> PixelOp.parse("emboss"));
        assertEquals("op must be one of brightness=F, contrast=F, gamma=G, invert, grayscale, sepia, threshold=T, "
                + "blur=SIGMA, box-blur=R, sharpen=AMOUNT, sobel (see squall image --list-ops), got \"emboss\"",
                e.getMessage());
    }

    private static byte[] apply(String op, byte[] px) {
        return PixelReference.apply(List.of(PixelOp.parse(op)), px);
    }
}
