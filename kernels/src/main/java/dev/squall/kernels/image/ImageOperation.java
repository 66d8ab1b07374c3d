package dev.squall.kernels.image;

import java.util.Locale;

/** What the two kinds of operation share: the name users type, the argument's name, and the help text. */
public sealed interface ImageOperation permits PixelOp, NeighbourhoodOp {

    /** {@return the constant's name, such as {@code BOX_BLUR}; users type its {@link #label()}} */
    String name();

    /** {@return the argument's name in help texts ({@code F}, {@code SIGMA}), or null when there is none} */
    String argName();

    /** {@return one line for help texts: what the operation does to R, G, B, and its argument's range} */
    String description();

    /** {@return the name as users type it, the constant's in lower case with {@code -}: {@code box-blur}} */
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@return whether the operation is written {@code NAME=ARG}, with a number, rather than {@code NAME} alone} */
    default boolean takesArgument() {
        return argName() != null;
    }

    /** {@return {@code NAME=ARG} or {@code NAME}, for help texts: {@code blur=SIGMA}, {@code invert}} */
    default String usage() {
        return label() + (takesArgument() ? "=" + argName() : "");
    }
}
