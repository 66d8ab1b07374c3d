package dev.squall.kernels.mandelbrot;

import dev.squall.kernels.InvalidParameterException;
import java.util.List;

/**
 * Which escape-time map a render iterates (shared/reference/formulas.md): the seed's Mandelbrot set and four more
 * of the same loop shape. Each is a deterministic map of the state {@code (x, y)} with the pixel's constants fixed,
 * run until {@code x*x + y*y > 4} or {@code max_iter} steps, every operation rounded on its own, in the order written:
 * <ul>
 * <li>{@link Mandelbrot}: from {@code (0, 0)}, {@code t = x*x - y*y + x0; y = 2*x*y + y0; x = t};
 * <li>{@link Julia}: from {@code (x0, y0)}, the same map with the constant {@code (cr, ci)} for {@code (x0, y0)};
 * <li>{@link BurningShip}: from {@code (0, 0)}, {@code y = 2*|x|*|y| + y0};
 * <li>{@link Tricorn}: from {@code (0, 0)}, {@code y = -2*x*y + y0} (the conjugate);
 * <li>{@link Multibrot}: from {@code (0, 0)}, {@code z^d + c} by {@code d - 1} complex multiplications by {@code z}.
 * </ul>
 * Backends tell the formulas apart by {@link #code()} (the OpenCL source's {@code SQUALL_FORMULA}).
 */
public sealed interface Formula {
    /** The seed's Mandelbrot set: the formula of every render that names no other. */
    Formula MANDELBROT = new Mandelbrot();

    /** {@return the name commands and job files use: {@code mandelbrot}, {@code julia}, {@code burning-ship} ...} */
    String name();

    /**
     * {@return the OpenCL source's {@code SQUALL_FORMULA} for this map: 0 mandelbrot, 1 julia, 2 burning-ship,
     * 3 tricorn, 4 multibrot}
     */
    int code();

    /** {@return whether the orbit starts at the pixel ({@code julia}) rather than at 0 (every other)} */
    default boolean startsAtPixel() {
        return false;
    }

    /** {@return the names of every formula, as commands and job files spell them, in {@link #code()} order} */
    static List<String> names() {
        return List.of("mandelbrot", "julia", "burning-ship", "tricorn", "multibrot");
    }

    /** The seed's map, {@code z -> z^2 + c} from {@code z = 0}, {@code c} the pixel; {@link #MANDELBROT} is one. */
    record Mandelbrot() implements Formula {
        @Override
        public String name() {
            return "mandelbrot";
        }

        @Override
        public int code() {
            return 0;
        }
    }

    /**
     * The Julia set of the constant {@code (cr, ci)}: one IEEE double each (f32 renders round them once).
     *
     * @param cr the constant's real part, finite
     * @param ci the constant's imaginary part, finite
     */
    record Julia(double cr, double ci) implements Formula {
        /** What the constant must be, as {@link InvalidParameterException#allowed()} says it. */
        public static final String ALLOWED = "2 finite numbers CR,CI";

        /**
         * Checks that the constant is finite.
         *
         * @throws InvalidParameterException when {@code cr} or {@code ci} is infinite or NaN
         */
        public Julia {
            if (!Double.isFinite(cr) || !Double.isFinite(ci)) {
                throw new InvalidParameterException("c", cr + "," + ci, ALLOWED);
            }
        }

        /**
         * {@code "CR,CI"}, as the command line gives it; anything else is named in the exception.
         *
         * @param text two numbers separated by a comma, spaces around each allowed: {@code -0.8,0.156}
         * @return the Julia set of that constant
         * @throws InvalidParameterException unless {@code text} is two finite numbers; the message quotes it
         */
        public static Julia parse(String text) {
            String[] parts = text.split(",", -1);
            try {
                if (parts.length == 2) {
                    double cr = Double.parseDouble(parts[0].strip());
                    double ci = Double.parseDouble(parts[1].strip());
                    if (Double.isFinite(cr) && Double.isFinite(ci)) {
                        return new Julia(cr, ci);
                    }
                }
            } catch (NumberFormatException e) {
                // said below, with the text as given
            }
            throw new InvalidParameterException("c", '"' + text + '"', ALLOWED);
        }

        @Override
        public String name() {
            return "julia";
        }

        @Override
        public int code() {
            return 1;
        }

        @Override
        public boolean startsAtPixel() {
            return true;
        }
    }

    /** The burning ship: the Mandelbrot map with {@code |x|} and {@code |y|} in the imaginary part, from 0. */
    record BurningShip() implements Formula {
        @Override
        public String name() {
            return "burning-ship";
        }

        @Override
        public int code() {
            return 2;
        }
    }

    /** The tricorn: {@code z -> conj(z)^2 + c}, from 0. */
    record Tricorn() implements Formula {
        @Override
        public String name() {
            return "tricorn";
        }

        @Override
        public int code() {
            return 3;
        }
    }

    /**
     * {@code z -> z^power + c} for an integer power from 2 to 16; power 2 gives exactly the Mandelbrot counts.
     *
     * @param power the exponent d, from {@value #MIN_POWER} to {@value #MAX_POWER}
     */
    record Multibrot(int power) implements Formula {
        /** The lowest power: 2, the Mandelbrot set's own. */
        public static final int MIN_POWER = 2;
        /** The highest power. */
        public static final int MAX_POWER = 16;
        /** What the power must be, as {@link InvalidParameterException#allowed()} says it. */
        public static final String ALLOWED = "an integer from " + MIN_POWER + " to " + MAX_POWER;

        /**
         * Checks the power's range.
         *
         * @throws InvalidParameterException when {@code power} is below {@value #MIN_POWER} or above
         *     {@value #MAX_POWER}
         */
        public Multibrot {
            if (power < MIN_POWER || power > MAX_POWER) {
                throw new InvalidParameterException("power", power, ALLOWED);
            }
        }

        /**
         * {@code "D"}, as the command line gives it.
         *
         * @param text the power as a decimal integer, spaces around it allowed
         * @return the multibrot of that power
         * @throws InvalidParameterException when {@code text} is not an integer from {@value #MIN_POWER} to
         *     {@value #MAX_POWER}
         */
        public static Multibrot parse(String text) {
            try {
                return new Multibrot(Integer.parseInt(text.strip()));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("power", text, ALLOWED);
            }
        }

        @Override
        public String name() {
            return "multibrot";
        }

        @Override
        public int code() {
            return 4;
        }
    }
}
