package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ExtendedDoubleTest {
    @Test
    void normalisesTheMantissaIntoOneToTwoSubnormalsIncluded() {
        assertEquals(new ExtendedDouble(1.5, 3), ExtendedDouble.of(12.0));
        assertEquals(new ExtendedDouble(-1.0, -1074), ExtendedDouble.of(-Double.MIN_VALUE));
        assertEquals(new ExtendedDouble(1.5, -1073), ExtendedDouble.of(3 * Double.MIN_VALUE));
        assertEquals(ExtendedDouble.ZERO, ExtendedDouble.of(0.0, 77));
        assertThrows(IllegalArgumentException.class, () -> new ExtendedDouble(2.0, 0));
        assertThrows(IllegalArgumentException.class, () -> ExtendedDouble.of(Double.NaN));
    }

    @Test
    void multipliesAndDividesFarBeyondDoublesRange() {
        ExtendedDouble big = new ExtendedDouble(1.5, 1000);
        assertEquals(new ExtendedDouble(1.125, 2001), big.multiply(big));
        assertEquals(new ExtendedDouble(1.0, 0), big.multiply(big).divide(big.multiply(big)));
        ExtendedDouble tiny = new ExtendedDouble(1.0, -5000);
        assertEquals(new ExtendedDouble(1.0, -10000), tiny.multiply(tiny));
        assertEquals(new ExtendedDouble(1.0, -2500), tiny.sqrt());
        assertEquals(new ExtendedDouble(Math.sqrt(2), 1000), new ExtendedDouble(1.0, 2001).sqrt());
    }

    @Test
    void addsByAligningTheSmallerAndDropsWhatIsBelowHalfAnUlp() {
        ExtendedDouble a = new ExtendedDouble(1.0, 2000);
        assertEquals(new ExtendedDouble(1.0, 2001), a.add(a));
        assertEquals(a, a.add(new ExtendedDouble(1.0, 1940)));
        assertEquals(new ExtendedDouble(1.0 + 0x1p-52, 2000), a.add(new ExtendedDouble(1.0, 1948)));
        assertEquals(ExtendedDouble.ZERO, a.subtract(a));
        assertEquals(new ExtendedDouble(-1.0, 1999), new ExtendedDouble(1.0, 1999).subtract(a));
    }

    @Test
    void convertsToDoubleWithUnderflowAndOverflow() {
        assertEquals(0.0, new ExtendedDouble(1.0, -1100).toDouble());
        assertEquals(Double.MIN_VALUE, new ExtendedDouble(1.0, -1074).toDouble());
        assertEquals(Double.POSITIVE_INFINITY, new ExtendedDouble(1.0, 1024).toDouble());
        assertEquals(0x1p-1000, new ExtendedDouble(1.0, -1000).toDouble());
    }

    @Test
    void readsFixedPointBeyondDoublesRange() {
        assertEquals(new ExtendedDouble(1.5, -499), ExtendedDouble.ofFixed(BigInteger.valueOf(3).shiftLeft(500), 1000));
        assertEquals(new ExtendedDouble(-1.0, -3000), ExtendedDouble.ofFixed(BigInteger.ONE.negate(), 3000));
        BigInteger third = BigInteger.ONE.shiftLeft(4000).divide(BigInteger.valueOf(3));
        assertEquals(new ExtendedDouble(4.0 / 3.0, -2), ExtendedDouble.ofFixed(third, 4000));
    }

    @Test
    void ordersBySignThenMagnitude() {
        ExtendedDouble[] ordered = {new ExtendedDouble(-1.0, 10), new ExtendedDouble(-1.5, 0), ExtendedDouble.ZERO,
            new ExtendedDouble(1.0, -3000), new ExtendedDouble(1.5, -3000), new ExtendedDouble(1.0, 5)};
        for (int i = 0; i + 1 < ordered.length; i++) {
            assertTrue(ordered[i].compareTo(ordered[i + 1]) < 0, ordered[i] + " < " + ordered[i + 1]);
        }
        assertEquals(new ExtendedDouble(1.0, 5), ordered[3].max(ordered[5]));
    }
}
