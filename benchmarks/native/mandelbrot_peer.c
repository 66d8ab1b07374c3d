// Native reference peer for Squall's Mandelbrot: the seed's loop on AVX-512 (8 doubles or 16 floats a vector),
// OpenMP over rows with dynamic scheduling, no fused multiply-add. No cycle shortcut: this is the plain loop at
// the hardware's pace, the bar the Java and OpenCL backends are measured against (BENCHMARKS.md).
//
// Build: cc -O3 -march=native -ffp-contract=off -fopenmp mandelbrot_peer.c -o mandelbrot_peer
// Run:   mandelbrot_peer W H MAX_ITER XMIN XMAX YMIN YMAX f64|f32 RUNS
// Prints one JSON object: the sum and CRC-32 of the counts (u32 little-endian, as squall's --counts), so that
// results can be compared bit for bit, and the time of each run.
#include <immintrin.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void row_f64(const double *xs, int width, double y0s, int max_iter, uint32_t *out) {
    const __m512d four = _mm512_set1_pd(4.0), two = _mm512_set1_pd(2.0), one = _mm512_set1_pd(1.0);
    const __m512d y0 = _mm512_set1_pd(y0s);
    for (int px = 0; px < width; px += 8) {
        int valid = width - px < 8 ? width - px : 8;
        __mmask8 active = (__mmask8) ((1u << valid) - 1);
        __m512d x0 = _mm512_maskz_loadu_pd(active, xs + px);
        __m512d x = _mm512_setzero_pd(), y = _mm512_setzero_pd(), n = _mm512_setzero_pd();
        for (int i = 0; i < max_iter; i++) {
            __m512d xx = _mm512_mul_pd(x, x), yy = _mm512_mul_pd(y, y);
            active = _mm512_mask_cmp_pd_mask(active, _mm512_add_pd(xx, yy), four, _CMP_LE_OQ);
            if (!active) {
                break;
            }
            __m512d t = _mm512_add_pd(_mm512_sub_pd(xx, yy), x0);
            y = _mm512_add_pd(_mm512_mul_pd(_mm512_mul_pd(two, x), y), y0);
            x = t;
            n = _mm512_mask_add_pd(n, active, n, one);
        }
        double lanes[8];
        _mm512_storeu_pd(lanes, n);
        for (int k = 0; k < valid; k++) {
            out[px + k] = (uint32_t) lanes[k];
        }
    }
}

static void row_f32(const float *xs, int width, float y0s, int max_iter, uint32_t *out) {
    const __m512 four = _mm512_set1_ps(4.0f), two = _mm512_set1_ps(2.0f);
    const __m512i one = _mm512_set1_epi32(1);
    const __m512 y0 = _mm512_set1_ps(y0s);
    for (int px = 0; px < width; px += 16) {
        int valid = width - px < 16 ? width - px : 16;
        __mmask16 active = (__mmask16) ((1u << valid) - 1);
        __m512 x0 = _mm512_maskz_loadu_ps(active, xs + px);
        __m512 x = _mm512_setzero_ps(), y = _mm512_setzero_ps();
        __m512i n = _mm512_setzero_si512();
        for (int i = 0; i < max_iter; i++) {
            __m512 xx = _mm512_mul_ps(x, x), yy = _mm512_mul_ps(y, y);
            active = _mm512_mask_cmp_ps_mask(active, _mm512_add_ps(xx, yy), four, _CMP_LE_OQ);
            if (!active) {
                break;
            }
            __m512 t = _mm512_add_ps(_mm512_sub_ps(xx, yy), x0);
            y = _mm512_add_ps(_mm512_mul_ps(_mm512_mul_ps(two, x), y), y0);
            x = t;
            n = _mm512_mask_add_epi32(n, active, n, one);
        }
        uint32_t lanes[16];
        _mm512_storeu_si512(lanes, n);
        memcpy(out + px, lanes, (size_t) valid * sizeof(uint32_t));
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
    double *xs = malloc(sizeof(double) * w);
    float *xsf = malloc(sizeof(float) * w);
    uint32_t *counts = malloc(sizeof(uint32_t) * (size_t) w * h);
    for (int px = 0; px < w; px++) {
        xs[px] = coordinate(xmin, xmax, px, w);
        xsf[px] = (float) xs[px];   // Squall's f32: the f64 coordinate rounded once
    }
    crc_init();
    printf("{\"peer\":\"c-avx512-openmp\",\"threads\":%d,\"precision\":\"%s\",\"seconds\":[", omp_get_max_threads(),
           argv[8]);
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
