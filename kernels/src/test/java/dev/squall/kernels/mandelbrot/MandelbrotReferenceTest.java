package dev.squall.kernels.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.squall.kernels.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MandelbrotReferenceTest {

    /** The three reference cases of shared/reference/seed-kernels.md. */
    @ParameterizedTest(name = "{0}x{1} max-iter {2}")
    @CsvSource({
        "1920, 1080, 1000, -2.5, 1.0, -1.0, 1.0, 458700700, c7052418",
        "800,  600,  256,  -2.0, 1.0, -1.2, 1.2, 28305069,  ab86c321",
        "3,    2,    50,   -2.0, 0.5, -1.0, 1.0, 159,       92ccf36a",
    })
    void seedReferenceCasesMatchInF64(int w, int h, int maxIter, double x0, double x1, double y0, double y1,
            long sum, String crc) {
        int[] counts = MandelbrotReference.render(
                new MandelbrotParams(w, h, new View(x0, x1, y0, y1), maxIter, Precision.F64));
        assertEquals(sum, sum(counts));
        assertEquals(crc, crc32(counts));
    }

    @Test
    void tinyImageCountsArePerPixelInRowMajorOrderWithRowZeroAtYMin() {
        // 3x2 over [-2, 0.5] x [-1, 1]: row 0 is y = -1, row 1 is y = 0 (the real axis, deep in the set at x = -0.333).
        int[] counts = MandelbrotReference.render(
                new MandelbrotParams(3, 2, new View(-2.0, 0.5, -1.0, 1.0), 50, Precision.F64));
        assertEquals(MandelbrotReference.iterate(-2.0, -1.0, 50), counts[0]);
        assertEquals(MandelbrotReference.iterate(-2.0 + (1.0 / 3.0) * 2.5, 0.0, 50), counts[4]);
        assertEquals(50, counts[4], "(-1.1667, 0) is inside the set");
        assertEquals(1, MandelbrotReference.iterate(-2.0, -1.0, 50), "(-2, -1): |z1|^2 = 5 escapes after one step");
    }

    @Test
    void iterateStopsAtMaxIterForPointsThatNeverEscape() {
        assertEquals(7, MandelbrotReference.iterate(0.0, 0.0, 7));
        assertEquals(7, MandelbrotReference.iterate(0.0f, 0.0f, 7));
        assertEquals(1, MandelbrotReference.iterate(3.0, 0.0, 100));
        assertEquals(1, MandelbrotReference.iterate(3.0f, 0.0f, 100));
    }

    @Test
    void f32RoundsTheF64CoordinateOnceAndIteratesInFloat() {
        MandelbrotParams p = new MandelbrotParams(800, 600, new View(-2.0, 1.0, -1.2, 1.2), 256, Precision.F32);
        double x0 = MandelbrotReference.coordinate(-2.0, 1.0, 517, 800);
        double y0 = MandelbrotReference.coordinate(-1.2, 1.2, 301, 600);
        assertEquals(MandelbrotReference.iterate((float) x0, (float) y0, 256), MandelbrotReference.pixel(p, 517, 301));
        // f32 is a different kernel, not a rounding of f64's results: the two disagree somewhere on this view.
        int[] f32 = MandelbrotReference.render(p);
        int[] f64 = MandelbrotReference.render(
                new MandelbrotParams(800, 600, new View(-2.0, 1.0, -1.2, 1.2), 256, Precision.F64));
        assertNotEquals(crc32(f64), crc32(f32));
    }

    @Test
    void gridHoldsTheReferenceCoordinates() {
        MandelbrotParams p = new MandelbrotParams(1001, 777, new View(-0.75, -0.74, 0.11, 0.10), 100, Precision.F32);
        MandelbrotGrid g = MandelbrotGrid.of(p);
        assertEquals(MandelbrotReference.coordinate(-0.75, -0.74, 1000, 1001), g.xs()[1000]);
        assertEquals(MandelbrotReference.coordinate(0.11, 0.10, 776, 777), g.ys(770, 7)[6]);
        assertEquals((float) MandelbrotReference.coordinate(-0.75, -0.74, 3, 1001), g.xsF32()[3]);
        assertEquals((float) MandelbrotReference.coordinate(0.11, 0.10, 5, 777), g.ysF32(5, 1)[0]);
    }

    static long sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += Integer.toUnsignedLong(c);
        }
        return s;
    }

    static String crc32(int[] counts) {
        ByteBuffer bytes = ByteBuffer.allocate(counts.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(counts);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
