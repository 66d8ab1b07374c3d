package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class DeepRenderTest {
    @Test
    void matchesTheReferenceAtZoom1e14() {
        DeepRender.Result r = DeepRender.compute(DeepCases.E14, DeepRender.Options.all(DeepCases.E14, 1));
        System.out.println("1e14: " + r.stats());
        assertEquals(481694, DeepCases.sum(r.counts()));
        assertEquals("44c07a66", DeepCases.crc32(r.counts()));
    }

    @Test
    void matchesTheReferenceAtZoom5e113() {
        DeepRender.Result r = DeepRender.compute(DeepCases.E113, DeepRender.Options.all(DeepCases.E113, 1));
        System.out.println("5e113: " + r.stats());
        assertEquals(23270782, DeepCases.sum(r.counts()));
        assertEquals("620dd7eb", DeepCases.crc32(r.counts()));
    }
}
