package dev.squall.kernels;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Floating-point width a kernel computes in. Each has its own Java reference; no tolerance between them. */
public enum Precision {
    /** IEEE 754 double, 8 bytes: the seed's precision. OpenCL devices need cl_khr_fp64 for it. */
    F64("double", Double.BYTES),
    /** IEEE 754 single, 4 bytes: Squall's own, the pixel's f64 coordinate rounded once to float. */
    F32("float", Float.BYTES);

    private final String openClType;
    private final int bytes;

    Precision(String openClType, int bytes) {
        this.openClType = openClType;
        this.bytes = bytes;
    }

    /** {@return the name users type and see: {@code f64}, {@code f32}} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@return the OpenCL C scalar type of this precision, {@code double} or {@code float}} */
    public String openClType() {
        return openClType;
    }

    /** {@return the size of one value in bytes: 8 for f64, 4 for f32} */
    public int bytes() {
        return bytes;
    }

    /**
     * The precision {@code text} names, exactly as {@link #label()} spells it.
     *
     * @param text {@code f64} or {@code f32}
     * @return the precision
     * @throws InvalidParameterException for any other text (other case included), naming the labels allowed
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equals(text)) {
                return p;
            }
        }
        throw new InvalidParameterException("precision", '"' + text + '"', "one of " + labels());
    }

    /** {@return every label in declaration order, joined by {@code ", "}: {@code f64, f32}} */
    public static String labels() {
        return Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
