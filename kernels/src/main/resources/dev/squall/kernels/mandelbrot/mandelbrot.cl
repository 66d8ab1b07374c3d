// Mandelbrot escape counts, one pixel per work-item, exactly as MandelbrotReference.java.
// FP_CONTRACT OFF: a fused multiply-add changes counts at the set's boundary; the seed rounds each step.
#pragma OPENCL FP_CONTRACT OFF
#ifdef SQUALL_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

typedef SQUALL_REAL real;

// xs: one start coordinate per column; ys: one per row of this band (host-computed, see MandelbrotGrid.java).
// counts: the band, row-major, width * rows entries.
__kernel void mandelbrot(__global const real *xs,
                         __global const real *ys,
                         __global uint *counts,
                         const uint width,
                         const uint max_iter)
{
    const size_t px = get_global_id(0);
    const size_t py = get_global_id(1);
    const real x0 = xs[px];
    const real y0 = ys[py];
    real x = (real) 0;
    real y = (real) 0;
    uint n = 0;
    while (x * x + y * y <= (real) 4 && n < max_iter) {
        const real t = x * x - y * y + x0;
        y = (real) 2 * x * y + y0;
        x = t;
        n++;
    }
    counts[py * width + px] = n;
}
