// Device limits measured the way clpeak does: streaming copies for global memory bandwidth, an empty kernel for
// launch latency, and long chains of dependent multiply-adds for compute peaks. The results of the compute kernels
// are stored so that no compiler can drop the work; their values mean nothing.

#define COPY(T) \
__kernel void copy_##T(__global const T *in, __global T *out) { \
    size_t i = get_global_id(0); \
    out[i] = in[i]; \
}
COPY(float)
COPY(float2)
COPY(float4)
COPY(float8)
COPY(float16)

__kernel void empty(__global float *out) {
}

// MAD_CHAINS multiply-adds of 16-wide vectors in two dependent chains, unrolled by 8 in a loop of MAD_LOOPS:
// 2 flops x 16 lanes x 2 chains x 8 x MAD_LOOPS a work-item (PeakKernels.OPS_PER_ITEM).
#define MAD_LOOPS 64
#define MAD_STEP(x, y) x = mad(y, x, y); y = mad(x, y, x);
#define MAD_BODY(T, V, S) \
__kernel void mad_##T(__global T *out, T a) { \
    V x = (V)((T) get_local_id(0)); \
    V y = (V)(a); \
    for (int i = 0; i < MAD_LOOPS; i++) { \
        MAD_STEP(x, y) MAD_STEP(x, y) MAD_STEP(x, y) MAD_STEP(x, y) \
        MAD_STEP(x, y) MAD_STEP(x, y) MAD_STEP(x, y) MAD_STEP(x, y) \
    } \
    out[get_global_id(0)] = S(y); \
}

#define SUM16(v) ((v).s0 + (v).s1 + (v).s2 + (v).s3 + (v).s4 + (v).s5 + (v).s6 + (v).s7 + \
                  (v).s8 + (v).s9 + (v).sa + (v).sb + (v).sc + (v).sd + (v).se + (v).sf)

MAD_BODY(float, float16, SUM16)

#define INT_STEP(x, y) x = y * x + y; y = x * y + x;
__kernel void mad_int(__global int *out, int a) {
    int16 x = (int16)((int) get_local_id(0));
    int16 y = (int16)(a);
    for (int i = 0; i < MAD_LOOPS; i++) {
        INT_STEP(x, y) INT_STEP(x, y) INT_STEP(x, y) INT_STEP(x, y)
        INT_STEP(x, y) INT_STEP(x, y) INT_STEP(x, y) INT_STEP(x, y)
    }
    out[get_global_id(0)] = SUM16(y);
}

#ifdef SQUALL_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
MAD_BODY(double, double16, SUM16)
#endif

#ifdef SQUALL_FP16
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
MAD_BODY(half, half16, SUM16)
#endif
