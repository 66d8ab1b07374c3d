// Escape-time counts, exactly as MandelbrotReference.java: each pixel's result is the reference's count.
// FP_CONTRACT OFF: a fused multiply-add changes counts at the set's boundary; the seed rounds each step.
#pragma OPENCL FP_CONTRACT OFF
#ifdef SQUALL_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

// Build options give SQUALL_REAL (double or float), SQUALL_LANES (lanes of one OpenCL vector) and SQUALL_VECS (vectors
// per work-item) for the SIMD variant.
typedef SQUALL_REAL real;

// Arguments common to both variants:
//   xs: start coordinate of each column (host-computed, see MandelbrotGrid.java; padded to a multiple of
//       SQUALL_VECS * SQUALL_LANES for the SIMD variant); ys: start coordinate of each row of this band;
//   counts: the band's counts, row-major, width * rows; executed: iterations actually run, one entry per work-item
//       (uint for one pixel, ulong for the SIMD variant's several);
//   cycles: non-zero to stop orbits whose state repeats bit for bit (their count is max_iter, see below);
//   cr, ci: julia's constant (unused by the other formulas).
//
// Cycle shortcut (Brent): from step SQUALL_CHECK_FROM - 1 on, after every step whose number is a multiple of
// SQUALL_CHECK_EVERY, the new state is compared with a saved one (the start state, then the states at steps
// SQUALL_CHECK_FROM, 2 * SQUALL_CHECK_FROM, ...). Equal means the orbit cycles
// through states that all passed the escape test, and the map is deterministic: it never escapes, and its count is
// max_iter, as the full loop would give. Starting late spares the many orbits that escape early any cost. (== treats
// -0.0 and +0.0 alike; states differing only in the sign of a zero have orbits of identical magnitudes. NaN never
// compares equal.)

// The formula (Formula.java, shared/reference/formulas.md), by SQUALL_FORMULA: 0 mandelbrot, 1 julia, 2 burning ship,
// 3 tricorn, 4 multibrot of power SQUALL_POWER. Each orbit starts at (sx, sy) and adds (ax, ay) each step: (0, 0)
// and the pixel's (x0, y0), except julia: the pixel, then the constant (cr, ci), a kernel argument. SQUALL_NEXT sets
// x, y to the next state from x, y and their squares xx, yy (already computed for the escape test), every
// operation rounded on its own in the order the reference writes it.
#ifndef SQUALL_FORMULA
#define SQUALL_FORMULA 0
#endif
#if SQUALL_FORMULA == 0 || SQUALL_FORMULA == 1
#define SQUALL_NEXT(x, y, xx, yy, ax, ay, T)            \
    {                                                   \
        const T t = xx - yy + ax;                       \
        y = (T) 2 * x * y + ay;                         \
        x = t;                                          \
    }
#elif SQUALL_FORMULA == 2
#define SQUALL_NEXT(x, y, xx, yy, ax, ay, T)            \
    {                                                   \
        const T t = xx - yy + ax;                       \
        y = (T) 2 * fabs(x) * fabs(y) + ay;             \
        x = t;                                          \
    }
#elif SQUALL_FORMULA == 3
#define SQUALL_NEXT(x, y, xx, yy, ax, ay, T)            \
    {                                                   \
        const T t = xx - yy + ax;                       \
        y = (T) -2 * x * y + ay;                        \
        x = t;                                          \
    }
#elif SQUALL_FORMULA == 4
#define SQUALL_NEXT(x, y, xx, yy, ax, ay, T)            \
    {                                                   \
        T pr = x;                                       \
        T pi = y;                                       \
        for (int k = 1; k < SQUALL_POWER; k++) {        \
            const T r = pr * x - pi * y;                \
            pi = pr * y + pi * x;                       \
            pr = r;                                     \
        }                                               \
        x = pr + ax;                                    \
        y = pi + ay;                                    \
    }
#else
#error "SQUALL_FORMULA must be 0 to 4"
#endif
#if SQUALL_FORMULA == 1
#define SQUALL_STARTS_AT_PIXEL 1
#else
#define SQUALL_STARTS_AT_PIXEL 0
#endif

// One step of one orbit; leaves the enclosing loop when the point escapes ("!(<=)" so that NaN escapes, as in Java).
#define SQUALL_SCALAR_STEP                              \
    {                                                   \
        const real xx = x * x;                          \
        const real yy = y * y;                          \
        if (!(xx + yy <= (real) 4)) {                   \
            escaped = true;                             \
            break;                                      \
        }                                               \
        SQUALL_NEXT(x, y, xx, yy, ax, ay, real)         \
        n++;                                            \
    }

// One pixel per work-item: for GPUs, which spread work-items over their lanes themselves. The global size may be
// rounded up to a multiple of the work-group size: items outside the band do nothing.
__kernel void mandelbrot(__global const real *xs,
                         __global const real *ys,
                         __global uint *counts,
                         __global uint *executed,
                         const uint width,
                         const uint rows,
                         const uint max_iter,
                         const uint cycles,
                         const real cr,
                         const real ci)
{
    const uint px = get_global_id(0);
    const uint py = get_global_id(1);
    if (px >= width || py >= rows) {
        return;
    }
    const real x0 = xs[px];
    const real y0 = ys[py];
#if SQUALL_STARTS_AT_PIXEL
    const real ax = cr;
    const real ay = ci;
    real x = x0;
    real y = y0;
#else
    const real ax = x0;
    const real ay = y0;
    real x = (real) 0;
    real y = (real) 0;
#endif
    real saved_x = x;
    real saved_y = y;
    uint n = 0;
    bool cycled = false;
    // Phase 1, steps 1 .. SQUALL_CHECK_FROM - 1 (all of them without the shortcut): the plain loop.
    const uint plain = cycles ? min(max_iter, (uint) (SQUALL_CHECK_FROM - 1)) : max_iter;
    bool escaped = false;
    while (n < plain) {
        SQUALL_SCALAR_STEP
    }
    // Phase 2: each new state compared with the saved one (the start state, then those at steps
    // SQUALL_CHECK_FROM, 2 * SQUALL_CHECK_FROM, ...).
    if (!escaped) {
        uint save_at = SQUALL_CHECK_FROM;
        while (n < max_iter) {
            SQUALL_SCALAR_STEP
            if (n % SQUALL_CHECK_EVERY == 0 && x == saved_x && y == saved_y) {
                cycled = true;
                break;
            }
            if (n == save_at) {
                saved_x = x;
                saved_y = y;
                save_at <<= 1;
            }
        }
    }
    const size_t i = (size_t) py * width + px;
    counts[i] = cycled ? max_iter : n;
    executed[i] = n;
}

// SQUALL_VECS x SQUALL_LANES consecutive pixels of one row per work-item, in OpenCL vector types: for CPU devices,
// whose compilers do not vectorise the data-dependent loop across work-items well. Lanes stop counting when they escape; the
// work-item stops when every lane has.
#define SQUALL_CAT_(a, b) a##b
#define SQUALL_CAT(a, b) SQUALL_CAT_(a, b)
typedef SQUALL_CAT(SQUALL_REAL, SQUALL_LANES) realn;
typedef SQUALL_CAT(int, SQUALL_LANES) countn;
#ifdef SQUALL_FP64
typedef SQUALL_CAT(long, SQUALL_LANES) maskn;     // what comparisons of doubleN return
#define SQUALL_TO_MASK SQUALL_CAT(convert_long, SQUALL_LANES)
#else
typedef SQUALL_CAT(int, SQUALL_LANES) maskn;      // what comparisons of floatN return
#define SQUALL_TO_MASK SQUALL_CAT(convert_int, SQUALL_LANES)
#endif
#define SQUALL_TO_COUNT SQUALL_CAT(convert_int, SQUALL_LANES)
#define SQUALL_VLOAD SQUALL_CAT(vload, SQUALL_LANES)
#define SQUALL_VSTORE SQUALL_CAT(vstore, SQUALL_LANES)

#if SQUALL_LANES == 4
#define SQUALL_LANE_IDS ((countn) (0, 1, 2, 3))
#elif SQUALL_LANES == 8
#define SQUALL_LANE_IDS ((countn) (0, 1, 2, 3, 4, 5, 6, 7))
#elif SQUALL_LANES == 16
#define SQUALL_LANE_IDS ((countn) (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))
#else
#error "SQUALL_LANES must be 4, 8 or 16"
#endif

// SQUALL_VECS (1 or 2) vectors of SQUALL_LANES pixels per work-item, each with its own variables (suffix a, b):
// with two, their chains of dependent multiplies and adds are independent and overlap.
#ifndef SQUALL_VECS
#define SQUALL_VECS 1
#endif
#if SQUALL_VECS == 1
#define SQUALL_EACH(M) M(a)
#define SQUALL_ANY_LIVE any(active_a)
#elif SQUALL_VECS == 2
#define SQUALL_EACH(M) M(a) M(b)
#define SQUALL_ANY_LIVE any(active_a | active_b)
#else
#error "SQUALL_VECS must be 1 or 2"
#endif

// One step of SQUALL_VECS x SQUALL_LANES orbits. Escaped lanes keep computing but stop counting; whether every lane
// has escaped is asked only every SQUALL_ANY_EVERY steps (any() over 16 lanes is not one instruction everywhere):
// this changes no count and no executed figure, only when the work-item stops spinning on finished lanes.
#ifndef SQUALL_ANY_EVERY
#define SQUALL_ANY_EVERY 4
#endif
#define SQUALL_SQUARES(s)                                           \
        const realn xx_##s = x_##s * x_##s;                         \
        const realn yy_##s = y_##s * y_##s;                         \
        active_##s &= (xx_##s + yy_##s <= (realn) 4);
#define SQUALL_ADVANCE(s)                                           \
        {                                                           \
            SQUALL_NEXT(x_##s, y_##s, xx_##s, yy_##s, ax_##s, ay, realn) \
            n_##s -= SQUALL_TO_COUNT(active_##s);                   \
        }
#define SQUALL_SIMD_STEP                                            \
    {                                                               \
        SQUALL_EACH(SQUALL_SQUARES)                                 \
        if (i % SQUALL_ANY_EVERY == 0 && !SQUALL_ANY_LIVE) {        \
            break;                                                  \
        }                                                           \
        SQUALL_EACH(SQUALL_ADVANCE)                                 \
    }
#define SQUALL_START(s)                                                                             \
    const uint v_##s = (uint) (#s[0] - 'a');                                                        \
    const realn x0_##s = SQUALL_VLOAD(gx * SQUALL_VECS + v_##s, xs);                                \
    const realn ax_##s = SQUALL_STARTS_AT_PIXEL ? (realn) cr : x0_##s;                              \
    realn x_##s = SQUALL_STARTS_AT_PIXEL ? x0_##s : (realn) 0;                                      \
    realn y_##s = SQUALL_STARTS_AT_PIXEL ? y0 : (realn) 0;                                          \
    realn saved_x_##s = x_##s;                                                                      \
    realn saved_y_##s = y_##s;                                                                      \
    countn n_##s = (countn) 0;                                                                      \
    maskn active_##s = SQUALL_TO_MASK(SQUALL_LANE_IDS + (countn) (v_##s * SQUALL_LANES)             \
                                      < (countn) (width - px));                                     \
    maskn cycled_##s = (maskn) 0;
#define SQUALL_CHECK(s)                                                                             \
    {                                                                                               \
        const maskn repeat = (x_##s == saved_x_##s) & (y_##s == saved_y_##s) & active_##s;          \
        cycled_##s |= repeat;                                                                       \
        active_##s &= ~repeat;                                                                      \
    }
#define SQUALL_SAVE(s) saved_x_##s = x_##s; saved_y_##s = y_##s;
#define SQUALL_STORE(s)                                                                             \
    SQUALL_VSTORE(SQUALL_CAT(convert_uint, SQUALL_LANES)(n_##s), v_##s, ran);                      \
    SQUALL_VSTORE(SQUALL_CAT(convert_uint, SQUALL_LANES)(select(n_##s, (countn) max_iter,           \
                                                                SQUALL_TO_COUNT(cycled_##s))),      \
                  v_##s, result);

__kernel void mandelbrot_simd(__global const real *xs,
                              __global const real *ys,
                              __global uint *counts,
                              __global ulong *executed,
                              const uint width,
                              const uint rows,
                              const uint max_iter,
                              const uint cycles,
                              const real cr,
                              const real ci)
{
    const uint gx = get_global_id(0);
    const uint py = get_global_id(1);
    const uint px = gx * SQUALL_VECS * SQUALL_LANES;
    if (px >= width || py >= rows) {
        return;
    }
    const realn y0 = (realn) (ys[py]);
    const realn ay = SQUALL_STARTS_AT_PIXEL ? (realn) ci : y0;
    SQUALL_EACH(SQUALL_START)
    const uint plain = cycles ? min(max_iter, (uint) (SQUALL_CHECK_FROM - 1)) : max_iter;
    uint i = 0;
    for (; i < plain; i++) {
        SQUALL_SIMD_STEP
    }
    if (i == plain && SQUALL_ANY_LIVE) {
        for (uint save_at = SQUALL_CHECK_FROM; i < max_iter; i++) {
            SQUALL_SIMD_STEP
            // No branch of its own: lanes that repeat leave `active`, and a later step's any() ends the loop.
            if ((i + 1) % SQUALL_CHECK_EVERY == 0) {
                SQUALL_EACH(SQUALL_CHECK)
            }
            if (i + 1 == save_at) {
                SQUALL_EACH(SQUALL_SAVE)
                save_at <<= 1;
            }
        }
    }
    uint ran[SQUALL_VECS * SQUALL_LANES];
    uint result[SQUALL_VECS * SQUALL_LANES];
    SQUALL_EACH(SQUALL_STORE)
    const uint valid = min((uint) (SQUALL_VECS * SQUALL_LANES), width - px);
    __global uint *row = counts + (size_t) py * width + px;
    ulong sum = 0;
    for (uint k = 0; k < valid; k++) {
        row[k] = result[k];
        sum += ran[k];
    }
    executed[(size_t) py * get_global_size(0) + gx] = sum;
}
