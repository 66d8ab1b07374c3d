/**
 * What Squall computes: each kernel's validated parameters, its Java reference (the definition every device is
 * checked against, bit for bit) and its OpenCL source. No devices, no I/O.
 */
module dev.squall.kernels {
    exports dev.squall.kernels;
    exports dev.squall.kernels.deep;
    exports dev.squall.kernels.image;
    exports dev.squall.kernels.mandelbrot;
    exports dev.squall.kernels.peak;
}
