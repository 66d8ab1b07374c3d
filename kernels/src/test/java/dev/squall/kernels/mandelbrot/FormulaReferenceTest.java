package dev.squall.kernels.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The formulas of shared/reference/formulas.md in the Java reference: its outputs, and its rules in small. */
class FormulaReferenceTest {

    private static Formula formula(String name) {
        return switch (name) {
            case "julia" -> new Formula.Julia(-0.8, 0.156);
            case "burning-ship" -> new Formula.BurningShip();
            case "tricorn" -> new Formula.Tricorn();
            case "multibrot3" -> new Formula.Multibrot(3);
            case "multibrot2" -> new Formula.Multibrot(2);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "julia,        800,  600,  500,  -1.6, 1.6, -1.2, 1.2, 15952945,  ae497d59",
        "burning-ship, 800,  600,  256,  -2.5, 1.5, -2.0, 1.0, 20111598,  917488ec",
        "tricorn,      640,  480,  300,  -2.0, 2.0, -1.5, 1.5, 6914328,   4a290419",
        "multibrot3,   640,  480,  400,  -1.5, 1.5, -1.5, 1.5, 25594010,  1f03dc10",
        "multibrot2,   1920, 1080, 1000, -2.5, 1.0, -1.0, 1.0, 458700700, c7052418",
    })
    void formulasMdReferenceOutputs(String name, int w, int h, int maxIter, double x0, double x1, double y0,
            double y1, long sum, String crc) {
        int[] counts = MandelbrotReference.render(new MandelbrotParams(w, h, new View(x0, x1, y0, y1), maxIter,
                Precision.F64, formula(name)));
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        assertEquals(sum, total);
        ByteBuffer bytes = ByteBuffer.allocate(counts.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(counts);
        CRC32 crc32 = new CRC32();
        crc32.update(bytes);
        assertEquals(crc, String.format("%08x", crc32.getValue()));
    }

    @Test
    void oneStepOfEachFormulaByHand() {
        // From (0, 0) the first step lands on c for every formula but julia; the second shows the map.
        double x0 = 0.5;
        double y0 = 0.75;
        // mandelbrot: z1 = c, z2 = (0.25 - 0.5625 + 0.5, 2*0.5*0.75 + 0.75) = (0.1875, 1.5): |z2|^2 = 2.285 <= 4
        assertEquals(MandelbrotReference.iterate(x0, y0, 3),
                MandelbrotReference.iterate(Formula.MANDELBROT, x0, y0, 3));
        // tricorn: z2 = (0.1875, -0.75 + 0.75) = (0.1875, 0), z3 = (0.535, 0.75): ... never escapes in 3 steps
        assertEquals(3, MandelbrotReference.iterate(new Formula.Tricorn(), x0, y0, 3));
        // tricorn at (-0.5, -0.75): z2 = (-0.8125, -2*(-0.5)*(-0.75) - 0.75) = (-0.8125, -1.5), |z2|^2 = 2.91;
        // z3 = (0.66015625 - 2.25 - 0.5, -2*(-0.8125)*(-1.5) - 0.75) = (-2.08984375, -3.1875): escaped, 3 steps
        assertEquals(3, MandelbrotReference.iterate(new Formula.Tricorn(), -0.5, -0.75, 100));
        // burning ship at (-0.5, 0.75): |x| and |y| make it the Mandelbrot set's mirror in y for the first steps,
        // z2 = (-0.8125, 2*0.5*0.75 + 0.75) = (-0.8125, 1.5), while the Mandelbrot set's z2 is (-0.8125, 0)
        assertEquals(MandelbrotReference.iterate(new Formula.Tricorn(), -0.5, -0.75, 100),
                MandelbrotReference.iterate(new Formula.BurningShip(), -0.5, 0.75, 100));
        // julia starts at the pixel: (2, 2) has |z0|^2 = 8 > 4, no step at all; mandelbrot takes one from 0
        assertEquals(0, MandelbrotReference.iterate(new Formula.Julia(0, 0), 2.0, 2.0, 100));
        assertEquals(1, MandelbrotReference.iterate(Formula.MANDELBROT, 2.0, 2.0, 100));
        // multibrot 3 at c = (1, 0): z1 = 1, z2 = 1 + 1 = 2, z3 = 8 + 1 = 9: escapes after the third step
        assertEquals(3, MandelbrotReference.iterate(new Formula.Multibrot(3), 1.0, 0.0, 100));
    }

    @Test
    void multibrotOfPowerTwoIsTheMandelbrotSetInBothPrecisions() {
        for (Precision precision : Precision.values()) {
            MandelbrotParams params = new MandelbrotParams(301, 157, new View(-0.7453, -0.7433, 0.1125, 0.1145),
                    3000, precision);
            assertArrayEquals(MandelbrotReference.render(params),
                    MandelbrotReference.render(params.withFormula(new Formula.Multibrot(2))), precision.label());
        }
    }

    @Test
    void f32RoundsTheJuliaConstantOnceAndDiffersFromF64() {
        MandelbrotParams f64 = new MandelbrotParams(200, 150, new View(-1.6, 1.6, -1.2, 1.2), 500, Precision.F64,
                new Formula.Julia(-0.8, 0.156));
        MandelbrotParams f32 = new MandelbrotParams(200, 150, f64.view(), 500, Precision.F32, f64.formula());
        assertNotEquals(java.util.Arrays.toString(MandelbrotReference.render(f64)),
                java.util.Arrays.toString(MandelbrotReference.render(f32)));
        assertEquals(MandelbrotReference.iterate(f64.formula(), (float) 0.1, (float) 0.2, 500),
                MandelbrotReference.iterate(new Formula.Julia((float) -0.8, (float) 0.156), (float) 0.1, (float) 0.2,
                        500), "the constant is the f64 value rounded once");
    }

    @ParameterizedTest
    @ValueSource(ints = {-3, 0, 1, 17, 100})
    void aPowerOutsideTwoToSixteenIsRefused(int power) {
        var e = assertThrows(InvalidParameterException.class, () -> new Formula.Multibrot(power));
        assertEquals("power must be an integer from 2 to 16, got " + power, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1,2,3", "a,b", "nan,0", "0,Infinity", "1e999,0", ""})
    void aJuliaConstantThatIsNotTwoFiniteNumbersIsRefused(String text) {
        var e = assertThrows(InvalidParameterException.class, () -> Formula.Julia.parse(text));
        assertEquals("c must be 2 finite numbers CR,CI, got \"" + text + "\"", e.getMessage());
    }
}
