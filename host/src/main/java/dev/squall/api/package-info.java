/**
 * Squall as a library: {@link dev.squall.api.Engine} opens devices once and renders escape-time kernels on them
 * (whole images or streamed tiles), verifies results against the kernels' Java references bit for bit, writes
 * counts and PNG files atomically, and runs image chains; {@link dev.squall.api.EngineListener} hears what the
 * engine would otherwise have to print. The parameters are the kernels' own records
 * ({@link dev.squall.kernels.mandelbrot.MandelbrotParams}, {@link dev.squall.kernels.mandelbrot.Formula},
 * {@link dev.squall.kernels.image.ImageStep}), validated when built.
 */
package dev.squall.api;
