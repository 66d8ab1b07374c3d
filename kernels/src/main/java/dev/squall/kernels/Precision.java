package dev.squall.kernels;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Floating-point width a kernel computes in. Each has its own Java reference; no tolerance between them. */
public enum Precision {
    F64("double", Double.BYTES),
    F32("float", Float.BYTES);

    private final String openClType;
    private final int bytes;

    Precision(String openClType, int bytes) {
        this.openClType = openClType;
        this.bytes = bytes;
    }

    /** The name users type and see: {@code f64}, {@code f32}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The OpenCL C scalar type of this precision. */
    public String openClType() {
        return openClType;
    }

    public int bytes() {
        return bytes;
    }

    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label().equals(text)) {
                return p;
            }
        }
        throw new InvalidParameterException("precision", '"' + text + '"', "one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label();
    }
}
