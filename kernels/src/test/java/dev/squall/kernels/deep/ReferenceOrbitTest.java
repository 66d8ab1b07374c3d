package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceOrbitTest {
    @Test
    void theOrbitOfIIsExactAndNeverEscapes() {
        // 0, i, -1 + i, -i, -1 + i, ...: every floor drops only zero bits, so the error bound stays at rounding level.
        DeepParams p = new DeepParams(8, 8, 1000, DeepView.parse("0", "1", "1e300"));
        ReferenceOrbit o = ReferenceOrbit.ofCenter(p, p.precisionBits());
        assertEquals(1000, o.length());
        assertFalse(o.escaped());
        double[][] expected = {{0, 0}, {0, 1}, {-1, 1}, {0, -1}, {-1, 1}, {0, -1}};
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n][0], o.re(n), "re " + n);
            assertEquals(expected[n][1], o.im(n), "im " + n);
        }
        assertTrue(o.doubleError(999) < 0x1p-50, () -> "error " + o.doubleError(999));
    }

    @Test
    void endsAtTheEscapeComparedExactly() {
        // c = 2: Z_1 = 2 has |Z|^2 = 4, not above 4; Z_2 = 6 escapes.
        DeepParams p = new DeepParams(8, 8, 1000, DeepView.parse("2", "0", "1"));
        ReferenceOrbit o = ReferenceOrbit.ofCenter(p, p.precisionBits());
        assertEquals(2, o.length());
        assertTrue(o.escaped());
        assertEquals(6.0, o.re(2));
    }

    @Test
    void endsEarlyWhereItsOwnErrorBoundPasses2ToTheMinus64() {
        // A point on the boundary (near the Misiurewicz point M(4,1)) given to 60 digits: its orbit neither escapes
        // nor stays accurate, so it ends where the bound passes 2^-64 and pixels rebase there.
        DeepParams p = new DeepParams(8, 8, 100000, DeepView.parse(
                "-0.101096363845622161025785445738622565463805442826253483876",
                "0.9562865108091415007710960577299774358098333365105291700343", "1e40"));
        ReferenceOrbit o = ReferenceOrbit.ofCenter(p, p.precisionBits());
        assertTrue(o.length() < 100000, () -> "length " + o.length());
        assertFalse(o.escaped());
        // The double-double bound is the orbit's own error plus 2^-104 |Z|: just past 2^-64 at the last value.
        ExtendedDouble last = o.extDoubleDoubleError(o.length());
        assertTrue(last.compareTo(ReferenceOrbit.USEFUL) > 0, last::toString);
        assertTrue(last.compareTo(new ExtendedDouble(1.0, -58)) < 0, last::toString);
        assertTrue(o.extDoubleDoubleError(o.length() - 1).compareTo(new ExtendedDouble(1.0, -63)) < 0);
    }
}
