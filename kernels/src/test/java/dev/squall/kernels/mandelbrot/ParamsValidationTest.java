package dev.squall.kernels.mandelbrot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsValidationTest {
    private static final View VIEW = new View(-2.5, 1.0, -1.0, 1.0);

    @Test
    void rejectsNonPositiveSizesAndMaxIterNamingTheValue() {
        var w = assertThrows(InvalidParameterException.class, () -> new MandelbrotParams(0, 10, VIEW, 10, Precision.F64));
        assertEquals("width must be a positive integer, got 0", w.getMessage());
        var h = assertThrows(InvalidParameterException.class, () -> new MandelbrotParams(10, -3, VIEW, 10, Precision.F64));
        assertEquals("height must be a positive integer, got -3", h.getMessage());
        var n = assertThrows(InvalidParameterException.class, () -> new MandelbrotParams(10, 10, VIEW, 0, Precision.F64));
        assertEquals("max-iter must be at least 1, got 0", n.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2,3", "1,2,3,4,5", "a,1,2,3", "1,1,0,1", "0,1,2,2", "NaN,1,0,1", "0,Infinity,0,1",
                            "-1e308,1e308,0,1", "", "1,,2,3"})
    void rejectsViewsThatAreNotFourFiniteNumbersWithExtent(String text) {
        var e = assertThrows(InvalidParameterException.class, () -> View.parse(text));
        assertEquals("view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got \"" + text + "\"",
                e.getMessage());
    }

    @Test
    void parsesViewsWithSpacesReversedAxesAndExponents() {
        assertEquals(new View(-2.5, 1.0, 1.0, -1.0), View.parse(" -2.5, 1 ,1,-1e0"));
    }

    @Test
    void precisionParsesLabelsOnly() {
        assertEquals(Precision.F32, Precision.parse("f32"));
        var e = assertThrows(InvalidParameterException.class, () -> Precision.parse("f16"));
        assertEquals("precision must be one of f64, f32, got \"f16\"", e.getMessage());
    }
}
