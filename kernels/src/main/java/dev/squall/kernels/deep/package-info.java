/**
 * Deep-zoom Mandelbrot counts, exact at any depth (shared/reference/deep-zoom.md): the view is a centre and a zoom
 * given as decimals of any length, and each pixel's count is the one its exact rational {@code c} has under exact
 * arithmetic.
 *
 * <p>Two computations of the same counts:
 * <ul>
 * <li>{@link dev.squall.kernels.deep.DeepOracle}: the definition itself, fixed point with
 * {@link java.math.BigInteger} at {@code p}, {@code 2p}, ... bits until two precisions agree. The verifier and the
 * tests' ground truth; far too slow for whole images.
 * <li>{@link dev.squall.kernels.deep.DeepRender}: perturbation around one high-precision
 * {@link dev.squall.kernels.deep.ReferenceOrbit}, with Zhuoran's rebasing and
 * {@link dev.squall.kernels.deep.BlaTable bilinear jumps}, in doubles (or a double mantissa with its own exponent,
 * {@link dev.squall.kernels.deep.ExtendedDouble}'s idea, below a pixel step of {@code 2^-900}). Every step carries a
 * proven bound on the distance to the exact orbit; a pixel is only given the count it computed when every
 * comparison with 4 was decided by more than that bound. The others are computed again in double-double with the
 * same kind of bound, and those still undecided by the oracle. So every count is exact, and the statistics say how
 * many pixels took each path.
 * </ul>
 * The per-pixel loops use primitives only, with the state in locals and the tables in arrays, so that Vector API and
 * OpenCL versions can follow them operation for operation and be checked against them.
 */
package dev.squall.kernels.deep;
