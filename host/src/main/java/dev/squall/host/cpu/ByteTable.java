package dev.squall.host.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * A 256-entry byte table applied to the R, G and B bytes of RGBA pixels, alpha copied. Where the CPU has 512-bit
 * vectors with byte permutes across two registers (AVX-512 VBMI's {@code vpermi2b}), 64 bytes go through the table
 * at once: the table sits in four vector registers, each byte picks from the lower or upper 128 entries with one
 * two-vector {@link ByteVector#selectFrom(jdk.incubator.vector.Vector, jdk.incubator.vector.Vector) selectFrom}
 * each, its top bit chooses between them, and alpha lanes keep their byte. That runs at the speed of a plain copy
 * (BENCHMARKS.md), against about 5x slower for one table load a byte. Elsewhere, or when the backend is made to
 * take it ({@code new CpuBackend(threads, false)}: tests, comparisons), a byte at a time; both are exact: the same
 * table.
 */
final class ByteTable {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
    private static final boolean VECTOR = ByteVector.SPECIES_PREFERRED.length() == 64 && hasVbmi();
    private static final VectorMask<Byte> ALPHA = VectorMask.fromLong(BYTES, 0x8888_8888_8888_8888L);

    private final byte[] table;
    /** Whether this table takes the vector path: where the CPU has it, unless its backend was told not to. */
    private final boolean vector;
    private final ByteVector t0;
    private final ByteVector t1;
    private final ByteVector t2;
    private final ByteVector t3;

    ByteTable(byte[] table) {
        this(table, true);
    }

    ByteTable(byte[] table, boolean vectors) {
        this.table = table.clone();
        this.vector = VECTOR && vectors;
        if (vector) {
            t0 = ByteVector.fromArray(BYTES, table, 0);
            t1 = ByteVector.fromArray(BYTES, table, 64);
            t2 = ByteVector.fromArray(BYTES, table, 128);
            t3 = ByteVector.fromArray(BYTES, table, 192);
        } else {
            t0 = t1 = t2 = t3 = null;
        }
    }

    /**
     * Starts compiling the vector path on a daemon thread, to be called when images are about to be read: run cold,
     * the Vector API is interpreted and many times slower than the byte loop, so a single short `squall image` run
     * would otherwise lose more than the vector path gains (measured: 1.2 s against 1.0 s for a 12 M pixel PNG).
     * Decoding the first image takes longer than this warm-up, which runs the table on a small buffer until the
     * JIT has compiled it.
     */
    static void warmUpInBackground() {
        if (!VECTOR) {
            return;
        }
        Thread.ofPlatform().daemon().name("squall-warm-up").start(() -> {
            ByteTable identity = new ByteTable(identity());
            byte[] in = new byte[4 * BYTES.length()];
            byte[] out = new byte[in.length];
            for (int i = 0; i < 20_000; i++) {
                identity.apply(in, out, 0, in.length);
            }
        });
    }

    private static byte[] identity() {
        byte[] entries = new byte[256];
        for (int c = 0; c < 256; c++) {
            entries[c] = (byte) c;
        }
        return entries;
    }

    /** Whether this JVM and CPU take the vector path. */
    static boolean vector() {
        return VECTOR;
    }

    /** Pixels' bytes {@code [from, to)} of {@code in} through the table into {@code out}; both multiples of 4. */
    void apply(byte[] in, byte[] out, int from, int to) {
        int i = from;
        if (vector) {
            for (int bound = from + BYTES.loopBound(to - from); i < bound; i += BYTES.length()) {
                ByteVector v = ByteVector.fromArray(BYTES, in, i);
                ByteVector low = v.selectFrom(t0, t1);     // entries 0-127: the index taken modulo 128
                ByteVector high = v.selectFrom(t2, t3);    // entries 128-255
                low.blend(high, v.lt((byte) 0)).blend(v, ALPHA).intoArray(out, i);
            }
        }
        for (; i < to; i += 4) {
            out[i] = table[in[i] & 0xFF];
            out[i + 1] = table[in[i + 1] & 0xFF];
            out[i + 2] = table[in[i + 2] & 0xFF];
            out[i + 3] = in[i + 3];
        }
    }

    /** AVX-512 VBMI, from Linux's CPU flags; without it a byte permute across two vectors is not one instruction. */
    private static boolean hasVbmi() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .anyMatch(l -> l.startsWith("flags") && l.contains(" avx512_vbmi"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
