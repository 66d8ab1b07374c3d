package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DeepOracleTest {
    @Test
    void firstPrecisionIsTheCentresDigitsOrLog2ZoomTimesHeightPlus64() {
        assertEquals(196, DeepCases.E14.precisionBits());
        assertEquals(582, DeepCases.E113.precisionBits());
    }

    @Test
    void reproducesTheReferenceAtZoom1e14() {
        DeepOracle oracle = new DeepOracle(DeepCases.E14);
        int[] counts = oracle.render(0, 32, 2);
        assertEquals(481694, DeepCases.sum(counts));
        assertEquals("44c07a66", DeepCases.crc32(counts));
        assertEquals(392, oracle.mostBitsUsed(), "196 then 392 bits, all agree (deep-zoom.md)");
    }

    @Test
    @Tag("slow")
    void reproducesTheReferenceAtZoom5e113() {
        DeepOracle oracle = new DeepOracle(DeepCases.E113);
        int[] counts = oracle.render(0, 32, 2);
        assertEquals(23270782, DeepCases.sum(counts));
        assertEquals("620dd7eb", DeepCases.crc32(counts));
        assertEquals(1164, oracle.mostBitsUsed(), "582 then 1164 bits, all agree (deep-zoom.md)");
    }
}
