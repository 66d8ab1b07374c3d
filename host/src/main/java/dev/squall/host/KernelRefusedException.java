package dev.squall.host;

import dev.squall.kernels.Kernel;
import dev.squall.kernels.mandelbrot.MandelbrotParams;

/**
 * A device does not run a kernel (a formula its family lacks, an image too large for its buffers), said by
 * {@link Backend#prepare} before any work starts: a usage error, never computed as something else.
 */
public final class KernelRefusedException extends RuntimeException {
    /**
     * A refusal, told in one line.
     *
     * @param message the device and what it lacks, such as {@code device tornado:0 does not run the julia formula}
     */
    public KernelRefusedException(String message) {
        super(message);
    }

    /**
     * The refusal of a backend that does not know {@code kernel} at all.
     *
     * @param backend the device
     * @param kernel what it was asked to run
     * @return {@code device ID does not run the NAME kernel}
     */
    public static KernelRefusedException unknown(Backend backend, Kernel kernel) {
        return new KernelRefusedException("device " + backend.id() + " does not run the " + kernel.name() + " kernel");
    }

    /**
     * The refusal of a backend that runs the Mandelbrot set alone, of any other kernel or formula.
     *
     * @param backend the device
     * @param kernel what it was asked to run
     * @return {@code device ID does not run the julia formula (only mandelbrot); use the cpu device or an OpenCL
     *     device}, or {@link #unknown} for kernels that are not escape-time formulas
     */
    public static KernelRefusedException onlyMandelbrot(Backend backend, Kernel kernel) {
        if (kernel instanceof MandelbrotParams params) {
            return new KernelRefusedException("device " + backend.id() + " does not run the "
                    + params.formula().name() + " formula (only mandelbrot); use the cpu device or an OpenCL device");
        }
        return unknown(backend, kernel);
    }
}
