package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.kernels.InvalidParameterException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeepParamsTest {
    private static final DeepView VIEW = DeepView.parse("-0.5", "0", "1");

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "abc", "", "1e", "--1", "0x10", "Infinity", "NaN", "1,5"})
    void rejectsACentreThatIsNotADecimalQuotingIt(String text) {
        var e = assertThrows(InvalidParameterException.class, () -> DeepView.parse(text, "0", "1"));
        assertEquals("center must be a decimal number, got \"" + text + "\"", e.getMessage());
        assertEquals("center", e.parameter());
        var f = assertThrows(InvalidParameterException.class, () -> DeepView.parse("0", text, "1"));
        assertEquals("center must be a decimal number, got \"" + text + "\"", f.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-1e300", "0.000", "Infinity", "-Infinity", "NaN", "1e", "zoom", ""})
    void rejectsAZoomThatIsNotAPositiveDecimalQuotingIt(String text) {
        var e = assertThrows(InvalidParameterException.class, () -> DeepView.parse("0", "0", text));
        assertEquals("zoom must be a positive decimal number, got \"" + text + "\"", e.getMessage());
        assertEquals("zoom", e.parameter());
    }

    @Test
    void theRecordRejectsANonPositiveZoomToo() {
        var e = assertThrows(InvalidParameterException.class,
                () -> new DeepView(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("-2")));
        assertEquals("zoom must be a positive decimal number, got -2", e.getMessage());
    }

    @Test
    void keepsEveryDigitOfTheCentreAndZoom() {
        String re = "-1.75981713080484781361082501056179823824399999999999999999980000000000000000000000000001";
        DeepView v = DeepView.parse(" " + re + " ", "1e-400", "4.00000000000E533");
        assertEquals(new BigDecimal(re), v.re());
        assertEquals(0, new BigDecimal("1e-400").compareTo(v.im()));
        assertEquals(0, new BigDecimal("4e533").compareTo(v.zoom()));
    }

    @Test
    void rejectsNonPositiveSizesAndMaxIterNamingTheValue() {
        var w = assertThrows(InvalidParameterException.class, () -> new DeepParams(0, 10, 10, VIEW));
        assertEquals("width must be a positive integer, got 0", w.getMessage());
        var h = assertThrows(InvalidParameterException.class, () -> new DeepParams(10, -3, 10, VIEW));
        assertEquals("height must be a positive integer, got -3", h.getMessage());
        var n = assertThrows(InvalidParameterException.class, () -> new DeepParams(10, 10, 0, VIEW));
        assertEquals("max-iter must be at least 1, got 0", n.getMessage());
        assertThrows(NullPointerException.class, () -> new DeepParams(10, 10, 10, null));
    }

    @Test
    void precisionIsTheCentresDigitsOrLog2OfZoomTimesHeightPlus64() {
        // 196 and 582 bits are deep-zoom.md's table; zoom 1 at 32 rows: log2(32) + 64 = 69.
        assertEquals(196, DeepCases.E14.precisionBits());
        assertEquals(582, DeepCases.E113.precisionBits());
        assertEquals(69, new DeepParams(32, 32, 10, VIEW).precisionBits());
        assertEquals(64 + 5 + 3322, new DeepParams(8, 32, 10, DeepView.parse("0", "1", "1e1000")).precisionBits());
    }

    @Test
    void renderOptionsNameTheirBadValues() {
        var rows = assertThrows(InvalidParameterException.class,
                () -> new DeepRender.Options(0, 0, true, 1, DeepRender.Arithmetic.AUTO));
        assertEquals("rows must be at least 1, got 0", rows.getMessage());
        var threads = assertThrows(InvalidParameterException.class,
                () -> new DeepRender.Options(0, 1, true, 0, DeepRender.Arithmetic.AUTO));
        assertEquals("threads must be at least 1, got 0", threads.getMessage());
        DeepParams p = new DeepParams(4, 4, 10, VIEW);
        var band = assertThrows(InvalidParameterException.class,
                () -> DeepRender.compute(p, new DeepRender.Options(3, 2, true, 1, DeepRender.Arithmetic.AUTO)));
        assertEquals("rows must be within the image's 4 rows, got 3+2", band.getMessage());
    }
}
