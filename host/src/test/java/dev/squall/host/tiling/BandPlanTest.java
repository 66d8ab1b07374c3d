package dev.squall.host.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BandPlanTest {

    @ParameterizedTest(name = "{0}x{1} in bands of <= {2} pixels")
    @CsvSource({"1920, 1080, 9223372036854775807, 1", "1001, 777, 7007, 111", "1001, 778, 7007, 112",
                "10, 10, 10, 10", "1, 1, 1, 1", "5, 1000000, 4999, 1002"})
    void bandsCoverEveryRowOnceWithinTheLimitAndEvenly(int width, int height, long maxPixels, int expectedBands) {
        List<Band> bands = BandPlan.split(width, height, maxPixels);
        assertEquals(expectedBands, bands.size());
        int next = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (Band band : bands) {
            assertEquals(next, band.firstRow());
            assertTrue(band.pixels(width) <= maxPixels, band + " over the limit");
            next += band.rows();
            min = Math.min(min, band.rows());
            max = Math.max(max, band.rows());
        }
        assertEquals(height, next);
        assertTrue(max - min <= 1, "uneven bands: " + min + ".." + max);
    }

    @Test
    void aRowWiderThanTheLimitIsAnErrorNotAnEndlessPlan() {
        var e = assertThrows(IllegalArgumentException.class, () -> BandPlan.split(100, 3, 99));
        assertEquals("one row of 100 pixels is more than a band may hold (99 pixels)", e.getMessage());
    }
}
