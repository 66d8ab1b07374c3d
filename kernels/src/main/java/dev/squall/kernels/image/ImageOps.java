package dev.squall.kernels.image;

import dev.squall.kernels.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Parses {@code NAME[=ARG]} into a step of either kind, and lists every operation for help texts. */
public final class ImageOps {
    private ImageOps() {
    }

    /** Every operation: its usage ({@code NAME[=ARG]}) and description, in the order help lists them. */
    public static List<String[]> catalogue() {
        List<String[]> all = new ArrayList<>();
        for (PixelOp op : PixelOp.values()) {
            all.add(new String[] {op.usage(), op.description()});
        }
        for (NeighbourhoodOp op : NeighbourhoodOp.values()) {
            all.add(new String[] {op.usage(), op.description()});
        }
        return all;
    }

    public static ImageStep parse(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        for (NeighbourhoodOp op : NeighbourhoodOp.values()) {
            if (op.label().equals(name)) {
                return neighbourhood(op, text, eq);
            }
        }
        try {
            return PixelOp.parse(text);
        } catch (InvalidParameterException e) {
            if (Stream.of(PixelOp.values()).anyMatch(o -> o.label().equals(name))) {
                throw e;
            }
            throw new InvalidParameterException("op", '"' + text + '"', "one of " + String.join(", ",
                    catalogue().stream().map(u -> u[0]).toList()) + " (see squall image --list-ops)");
        }
    }

    private static NeighbourhoodStep neighbourhood(NeighbourhoodOp op, String text, int eq) {
        if (!op.takesArgument()) {
            if (eq >= 0) {
                throw new InvalidParameterException("op", '"' + text + '"', op.label() + " without an argument");
            }
            return new NeighbourhoodStep(op, 0f);
        }
        if (eq < 0) {
            throw new InvalidParameterException("op", '"' + text + '"', op.usage());
        }
        float arg;
        try {
            arg = Float.parseFloat(text.substring(eq + 1).strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("op", '"' + text + '"', op.usage() + " with a number");
        }
        try {
            return new NeighbourhoodStep(op, arg);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("op", '"' + text + '"', e.allowed());
        }
    }
}
