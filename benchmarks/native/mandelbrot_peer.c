// Native reference peer for Squall's Mandelbrot: the seed's loop on the widest vectors the compiler's target has,
// written with GCC/Clang vector extensions (no intrinsics), so it builds on any x86-64 and on aarch64. OpenMP over
// rows with dynamic scheduling, no fused multiply-add. No cycle shortcut: this is the plain loop at the hardware's
// pace, the bar the Java and OpenCL backends are measured against (BENCHMARKS.md).
//
// Build: cc -O3 -march=native -ffp-contract=off -fopenmp mandelbrot_peer.c -o mandelbrot_peer
//        (-DPEER_VECTOR_BYTES=16 or -march=x86-64-v2 for 128-bit vectors; the JSON says which width was used)
// Run:   mandelbrot_peer W H MAX_ITER XMIN XMAX YMIN YMAX f64|f32 RUNS
// Prints one JSON object: the sum and CRC-32 of the counts (u32 little-endian, as squall's --counts), so that
// results can be compared bit for bit, the vector width, and the time of each run.
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// A fused multiply-add changes counts at the set's boundary; the seed rounds each step. -ffp-contract=off is what
// GCC honours (it also covers vector-extension arithmetic); Clang honours this pragma as well as the flag.
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

// The widest vector registers the target has: wider types would be split by the compiler into several registers
// (still exact, but no longer one instruction per operation), narrower ones leave lanes unused.
#ifndef PEER_VECTOR_BYTES
#if defined(__AVX512F__)
#define PEER_VECTOR_BYTES 64
#elif defined(__AVX__)
#define PEER_VECTOR_BYTES 32
#else
#define PEER_VECTOR_BYTES 16   // SSE2 (every x86-64), NEON (every aarch64)
#endif
#endif
#if PEER_VECTOR_BYTES != 16 && PEER_VECTOR_BYTES != 32 && PEER_VECTOR_BYTES != 64
#error "PEER_VECTOR_BYTES must be 16, 32 or 64"
#endif

// Counters have as many lanes as the values they count, so that a comparison's mask (-1 where true, 0 where
// false, one integer per lane of the compared type) can be subtracted from them directly.
typedef double f64v __attribute__((vector_size(PEER_VECTOR_BYTES)));
typedef int64_t i64v __attribute__((vector_size(PEER_VECTOR_BYTES)));
typedef float f32v __attribute__((vector_size(PEER_VECTOR_BYTES)));
typedef int32_t i32v __attribute__((vector_size(PEER_VECTOR_BYTES)));   // max-iter is an int: never overflows
enum { F64_LANES = PEER_VECTOR_BYTES / 8, F32_LANES = PEER_VECTOR_BYTES / 4 };

static uint32_t crc_table[256];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[i] = c;
    }
}

static uint32_t crc32_bytes(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

// x0 = min + (i / n) * (max - min), all in double, as MandelbrotReference.coordinate.
static double coordinate(double min, double max, int i, int n) {
    return min + ((double) i / (double) n) * (max - min);
}

// Whether any lane of a mask is set, whatever its lanes' width: whether any of its bits is. A loop over the lanes
// compiles to one extract per lane, every step; folding the halves onto each other takes log2(bytes / 8) shuffles
// and ORs in registers. (memcpy of the halves would do the same, through the stack.)
#if !defined(__clang__) && __GNUC__ < 12
#error "__builtin_shufflevector needs GCC 12 or later, or Clang"
#endif
typedef uint64_t u64v __attribute__((vector_size(PEER_VECTOR_BYTES)));
typedef uint64_t u64x2 __attribute__((vector_size(16)));
typedef uint64_t u64x4 __attribute__((vector_size(32)));

static inline int any_set(u64v m) {
#if PEER_VECTOR_BYTES == 64
    u64x4 m4 = __builtin_shufflevector(m, m, 0, 1, 2, 3) | __builtin_shufflevector(m, m, 4, 5, 6, 7);
#elif PEER_VECTOR_BYTES == 32
    u64x4 m4 = m;
#endif
#if PEER_VECTOR_BYTES >= 32
    u64x2 m2 = __builtin_shufflevector(m4, m4, 0, 1) | __builtin_shufflevector(m4, m4, 2, 3);
#else
    u64x2 m2 = m;
#endif
    return (m2[0] | m2[1]) != 0;
}

// One row, two vectors of pixels at a time: each step's multiplies and adds depend on the previous step's, so a
// single vector leaves the FP units waiting on latency; a second independent vector fills those cycles.
// Whether any lane is still live is asked every 4th step only (lanes stop counting at their own step regardless):
// the fold costs shuffles on the FP ports, and this was 10 % faster than asking every step (Xeon, AVX-512, one
// thread, 960 x 540, max-iter 1000). Not inlined into the OpenMP loop: inlined there, GCC 12 keeps y in memory.
// The x coordinates are padded with zeros to a whole number of vector pairs; only the row's pixels are written.
__attribute__((noinline)) static void row_f64(const double *xs, int width, double y0s, int max_iter, uint32_t *out) {
    const f64v four = (f64v) {0} + 4.0, two = (f64v) {0} + 2.0, y0 = (f64v) {0} + y0s;
    for (int px = 0; px < width; px += 2 * F64_LANES) {
        f64v x0a, x0b;
        memcpy(&x0a, xs + px, sizeof x0a);
        memcpy(&x0b, xs + px + F64_LANES, sizeof x0b);
        i64v live_a, live_b;   // -1: still iterating; the padding lanes start escaped
        for (int k = 0; k < F64_LANES; k++) {
            live_a[k] = px + k < width ? -1 : 0;
            live_b[k] = px + F64_LANES + k < width ? -1 : 0;
        }
        f64v xa = {0}, ya = {0}, xb = {0}, yb = {0};
        i64v na = {0}, nb = {0};
        for (int i = 0; i < max_iter; i++) {
            f64v xxa = xa * xa, yya = ya * ya, xxb = xb * xb, yyb = yb * yb;
            // Once escaped, always escaped: a lane's later values (infinite, then NaN) are never looked at again.
            // A NaN compares false, so it escapes, as in the seed.
            live_a &= (i64v) (xxa + yya <= four);
            live_b &= (i64v) (xxb + yyb <= four);
            if ((i & 3) == 0 && !any_set((u64v) (live_a | live_b))) {
                break;
            }
            f64v ta = xxa - yya + x0a, tb = xxb - yyb + x0b;
            ya = two * xa * ya + y0;   // (2x)y: the doubling is exact, so this is the seed's 2*x*y
            yb = two * xb * yb + y0;
            xa = ta;
            xb = tb;
            na -= live_a;
            nb -= live_b;
        }
        for (int k = 0; k < F64_LANES && px + k < width; k++) {
            out[px + k] = (uint32_t) na[k];
        }
        for (int k = 0; k < F64_LANES && px + F64_LANES + k < width; k++) {
            out[px + F64_LANES + k] = (uint32_t) nb[k];
        }
    }
}

// As row_f64 in float: the coordinates come rounded once from their f64 values (Squall's f32).
__attribute__((noinline)) static void row_f32(const float *xs, int width, float y0s, int max_iter, uint32_t *out) {
    const f32v four = (f32v) {0} + 4.0f, two = (f32v) {0} + 2.0f, y0 = (f32v) {0} + y0s;
    for (int px = 0; px < width; px += 2 * F32_LANES) {
        f32v x0a, x0b;
        memcpy(&x0a, xs + px, sizeof x0a);
        memcpy(&x0b, xs + px + F32_LANES, sizeof x0b);
        i32v live_a, live_b;
        for (int k = 0; k < F32_LANES; k++) {
            live_a[k] = px + k < width ? -1 : 0;
            live_b[k] = px + F32_LANES + k < width ? -1 : 0;
        }
        f32v xa = {0}, ya = {0}, xb = {0}, yb = {0};
        i32v na = {0}, nb = {0};
        for (int i = 0; i < max_iter; i++) {
            f32v xxa = xa * xa, yya = ya * ya, xxb = xb * xb, yyb = yb * yb;
            live_a &= (i32v) (xxa + yya <= four);
            live_b &= (i32v) (xxb + yyb <= four);
            if ((i & 3) == 0 && !any_set((u64v) (live_a | live_b))) {
                break;
            }
            f32v ta = xxa - yya + x0a, tb = xxb - yyb + x0b;
            ya = two * xa * ya + y0;
            yb = two * xb * yb + y0;
            xa = ta;
            xb = tb;
            na -= live_a;
            nb -= live_b;
        }
        for (int k = 0; k < F32_LANES && px + k < width; k++) {
            out[px + k] = (uint32_t) na[k];
        }
        for (int k = 0; k < F32_LANES && px + F32_LANES + k < width; k++) {
            out[px + F32_LANES + k] = (uint32_t) nb[k];
        }
    }
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 10) {
        fprintf(stderr, "usage: %s W H MAX_ITER XMIN XMAX YMIN YMAX f64|f32 RUNS\n", argv[0]);
        return 2;
    }
    int w = atoi(argv[1]), h = atoi(argv[2]), max_iter = atoi(argv[3]), runs = atoi(argv[9]);
    double xmin = atof(argv[4]), xmax = atof(argv[5]), ymin = atof(argv[6]), ymax = atof(argv[7]);
    int f64 = strcmp(argv[8], "f64") == 0;
    if (w < 1 || h < 1 || max_iter < 1 || runs < 1 || (!f64 && strcmp(argv[8], "f32") != 0)) {
        fprintf(stderr, "bad arguments\n");
        return 2;
    }
    // Room for whole vector pairs in either precision (F32_LANES is the larger), zeros past the row's end.
    size_t padded = ((size_t) w + 2 * F32_LANES - 1) / (2 * F32_LANES) * (2 * F32_LANES);
    double *xs = calloc(padded, sizeof(double));
    float *xsf = calloc(padded, sizeof(float));
    uint32_t *counts = malloc(sizeof(uint32_t) * (size_t) w * h);
    if (!xs || !xsf || !counts) {
        fprintf(stderr, "out of memory for %d x %d counts\n", w, h);
        return 1;
    }
    for (int px = 0; px < w; px++) {
        xs[px] = coordinate(xmin, xmax, px, w);
        xsf[px] = (float) xs[px];   // Squall's f32: the f64 coordinate rounded once
    }
    crc_init();
    printf("{\"peer\":\"c-vectors-openmp\",\"vector_bits\":%d,\"threads\":%d,\"precision\":\"%s\",\"seconds\":[",
           PEER_VECTOR_BYTES * 8, omp_get_max_threads(), argv[8]);
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        #pragma omp parallel for schedule(dynamic, 1)
        for (int py = 0; py < h; py++) {
            double y0 = coordinate(ymin, ymax, py, h);
            if (f64) {
                row_f64(xs, w, y0, max_iter, counts + (size_t) py * w);
            } else {
                row_f32(xsf, w, (float) y0, max_iter, counts + (size_t) py * w);
            }
        }
        printf("%s%.6f", r ? "," : "", now() - t0);
    }
    uint64_t sum = 0;
    for (size_t i = 0; i < (size_t) w * h; i++) {
        sum += counts[i];
    }
    // Little-endian host: the array's bytes are the --counts file's bytes.
    printf("],\"iterations\":%llu,\"crc32\":\"%08x\"}\n", (unsigned long long) sum,
           crc32_bytes((const unsigned char *) counts, sizeof(uint32_t) * (size_t) w * h));
    free(xs);
    free(xsf);
    free(counts);
    return 0;
}
