package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;
import java.util.List;
import java.util.stream.Stream;

/** Parses {@code NAME[=ARG]} into a step of either kind, and lists every operation for help texts. */
public final class ImageOps {
    private ImageOps() {
    }

    /** {@return every operation, in the order help lists them: point operations, then neighbourhood operations} */
    public static List<ImageOperation> all() {
        return Stream.concat(Stream.of(PixelOp.values()), Stream.of(NeighbourhoodOp.values()))
                .map(ImageOperation.class::cast).toList();
    }

    /**
     * {@return every operation's usage ({@code NAME[=ARG]}) and description, a pair of strings each, in the order of
     * {@link #all()}}
     */
    public static List<String[]> catalogue() {
        return all().stream().map(op -> new String[] {op.usage(), op.description()}).toList();
    }

    /**
     * One step as users write it: {@code NAME} for an operation without an argument, {@code NAME=ARG} for one with
     * (the number may have spaces around it). Names are matched exactly, as {@link ImageOperation#label()} spells
     * them.
     *
     * @param text the step, such as {@code blur=2.5} or {@code invert}
     * @return a {@link PixelStep} or a {@link NeighbourhoodStep}
     * @throws InvalidParameterException for an unknown name, a missing, extra or non-numeric argument, or an argument
     *     outside the operation's range; the message quotes {@code text} as given
     */
    public static ImageStep parse(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        ImageOperation op = all().stream().filter(o -> o.label().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidParameterException("op", '"' + text + '"', "one of "
                        + String.join(", ", all().stream().map(ImageOperation::usage).toList())
                        + " (see squall image --list-ops)"));
        float arg = 0f;
        if (!op.takesArgument()) {
            if (eq >= 0) {
                throw new InvalidParameterException("op", '"' + text + '"', op.label() + " without an argument");
            }
        } else {
            if (eq < 0) {
                throw new InvalidParameterException("op", '"' + text + '"', op.usage());
            }
            try {
                arg = Float.parseFloat(text.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("op", '"' + text + '"', op.usage() + " with a number");
            }
        }
        try {
            return switch (op) {
                case PixelOp p -> new PixelStep(p, arg);
                case NeighbourhoodOp n -> new NeighbourhoodStep(n, arg);
            };
        } catch (InvalidParameterException e) {
            // The record names the value as it understood it; the user sees what they typed.
            throw new InvalidParameterException("op", '"' + text + '"', e.allowed());
        }
    }
}
