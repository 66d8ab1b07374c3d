package dev.squall.host.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The seed's brightness on the Vector API: a whole vector of bytes at a time, each R, G, B byte widened to a float,
 * multiplied by the factor, capped at 255 and truncated exactly as the reference
 * ({@code (int) Math.min(c * f, 255f)}); alpha bytes kept. The factor is finite and >= 0 (PixelStep checks), so
 * no product is negative or NaN.
 */
final class VectorBrightness {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, BYTES.vectorShape());
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, BYTES.vectorShape());
    /** Bytes per int lane group: a vector of bytes widens into this many vectors of ints. */
    private static final int PARTS = BYTES.length() / INTS.length();
    /** Lanes 3, 7, 11, ...: the alpha bytes, copied. */
    private static final VectorMask<Byte> ALPHA = VectorMask.fromLong(BYTES, 0x8888_8888_8888_8888L);

    private VectorBrightness() {
    }

    /** Bytes {@code [from, to)} of {@code in} into {@code out}; {@code from} and {@code to} are multiples of 4. */
    static void apply(byte[] in, byte[] out, int from, int to, float factor) {
        int i = from;
        for (int end = from + BYTES.loopBound(to - from); i < end; i += BYTES.length()) {
            ByteVector source = ByteVector.fromArray(BYTES, in, i);
            ByteVector result = ByteVector.zero(BYTES);
            for (int part = 0; part < PARTS; part++) {
                IntVector wide = ((IntVector) source.convertShape(VectorOperators.B2I, INTS, part)).and(0xFF);
                FloatVector scaled = ((FloatVector) wide.convert(VectorOperators.I2F, 0)).mul(factor).min(255.0f);
                IntVector truncated = (IntVector) scaled.convert(VectorOperators.F2I, 0);
                result = result.or((ByteVector) truncated.convertShape(VectorOperators.I2B, BYTES, -part));
            }
            result.blend(source, ALPHA).intoArray(out, i);
        }
        for (; i < to; i += 4) {
            out[i] = (byte) (int) Math.min(255.0f, (in[i] & 0xFF) * factor);
            out[i + 1] = (byte) (int) Math.min(255.0f, (in[i + 1] & 0xFF) * factor);
            out[i + 2] = (byte) (int) Math.min(255.0f, (in[i + 2] & 0xFF) * factor);
            out[i + 3] = in[i + 3];
        }
    }
}
