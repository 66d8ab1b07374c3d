package dev.squall.kernels.image;

import java.util.Locale;

/** What the two kinds of operation share: the name users type, the argument's name, and the help text. */
public sealed interface ImageOperation permits PixelOp, NeighbourhoodOp {

    String name();

    /** The argument's name in help texts ({@code F}, {@code SIGMA}), or null for none. */
    String argName();

    String description();

    /** The name as users type it: {@code brightness}, {@code box-blur}. */
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    default boolean takesArgument() {
        return argName() != null;
    }

    /** {@code NAME=ARG} or {@code NAME}, for help texts. */
    default String usage() {
        return label() + (takesArgument() ? "=" + argName() : "");
    }
}
