// Point operations on RGBA8 pixels, a whole chain in one pass: each work-item reads one pixel, applies every step
// of the chain in order and writes it once. Exactly as PixelReference.java: separate single-precision operations
// in the order written, and the two roundings defined there.
// FP_CONTRACT OFF: a fused multiply-add would round once where the reference rounds twice.
#pragma OPENCL FP_CONTRACT OFF

// Operation codes: PixelOp.code() in PixelOp.java.
#define OP_BRIGHTNESS 0
#define OP_CONTRAST 1
#define OP_GAMMA 2
#define OP_INVERT 3
#define OP_GRAYSCALE 4
#define OP_SEPIA 5
#define OP_THRESHOLD 6

// The seed's sat_u8: toward zero, saturated, NaN to 0 (OpenCL's default float-to-integer rounding is toward zero).
static int truncate_u8(const float v) { return convert_uchar_sat(v); }
// Every other operation: to nearest, ties to even, saturated, NaN to 0.
static int round_u8(const float v) { return convert_uchar_sat_rte(v); }

static float luma(const int r, const int g, const int b)
{
    return 0.2126f * (float) r + 0.7152f * (float) g + 0.0722f * (float) b;
}

// in, out: pixels RGBA8; codes, args: the chain (count steps); tables: 256 entries per step, used by table-driven
// steps (gamma), computed on the host.
__kernel void point_ops(__global const uchar4 *in,
                        __global uchar4 *out,
                        const uint pixels,
                        __constant const int *codes,
                        __constant const float *args,
                        const uint count,
                        __global const uchar *tables)
{
    const size_t i = get_global_id(0);
    if (i >= pixels) {
        return;
    }
    const uchar4 p = in[i];
    int r = p.x;
    int g = p.y;
    int b = p.z;
    for (uint k = 0; k < count; k++) {
        const float f = args[k];
        switch (codes[k]) {
        case OP_BRIGHTNESS:
            r = truncate_u8(fmin((float) r * f, 255.0f));
            g = truncate_u8(fmin((float) g * f, 255.0f));
            b = truncate_u8(fmin((float) b * f, 255.0f));
            break;
        case OP_CONTRAST:
            r = round_u8(((float) r - 128.0f) * f + 128.0f);
            g = round_u8(((float) g - 128.0f) * f + 128.0f);
            b = round_u8(((float) b - 128.0f) * f + 128.0f);
            break;
        case OP_GAMMA:
            r = tables[256 * k + r];
            g = tables[256 * k + g];
            b = tables[256 * k + b];
            break;
        case OP_INVERT:
            r = 255 - r;
            g = 255 - g;
            b = 255 - b;
            break;
        case OP_GRAYSCALE:
            r = g = b = round_u8(luma(r, g, b));
            break;
        case OP_SEPIA: {
            const int sr = round_u8(0.393f * (float) r + 0.769f * (float) g + 0.189f * (float) b);
            const int sg = round_u8(0.349f * (float) r + 0.686f * (float) g + 0.168f * (float) b);
            const int sb = round_u8(0.272f * (float) r + 0.534f * (float) g + 0.131f * (float) b);
            r = sr;
            g = sg;
            b = sb;
            break;
        }
        case OP_THRESHOLD:
            r = g = b = luma(r, g, b) >= f ? 255 : 0;
            break;
        }
    }
    out[i] = (uchar4) ((uchar) r, (uchar) g, (uchar) b, p.w);
}

// Neighbourhood operations: whole images on the device, one work-item per pixel, borders clamped; the
// intermediate of a two-pass operation is 4 numbers a pixel (R, G, B, unused). Definitions in ImageReference.java.
// Vector arithmetic is component-wise, each component rounded as the reference's scalar one.

static size_t at(const int x, const int y, const uint width) { return (size_t) y * width + x; }

// Horizontal Gaussian pass into floats.
__kernel void gaussian_rows(__global const uchar4 *src, __global float4 *dst, const uint width, const uint height,
                            __constant const float *weights, const int radius)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    float4 acc = (float4) 0.0f;
    for (int k = -radius; k <= radius; k++) {
        acc = acc + weights[k + radius] * convert_float4(src[at(clamp(x + k, 0, (int) width - 1), y, width)]);
    }
    dst[at(x, y, width)] = acc;
}

static float4 gaussian_column(__global const float4 *h, const int x, const int y, const uint width,
                              const uint height, __constant const float *weights, const int radius)
{
    float4 acc = (float4) 0.0f;
    for (int k = -radius; k <= radius; k++) {
        acc = acc + weights[k + radius] * h[at(x, clamp(y + k, 0, (int) height - 1), width)];
    }
    return acc;
}

// Vertical Gaussian pass, rounded; alpha from the image before the blur.
__kernel void gaussian_columns(__global const float4 *h, __global const uchar4 *original, __global uchar4 *dst,
                               const uint width, const uint height, __constant const float *weights,
                               const int radius)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    uchar4 out = convert_uchar4_sat_rte(gaussian_column(h, x, y, width, height, weights, radius));
    out.w = original[at(x, y, width)].w;
    dst[at(x, y, width)] = out;
}

// Unsharp mask: c + amount * (c - v), v the vertical pass before rounding.
__kernel void sharpen_columns(__global const float4 *h, __global const uchar4 *original, __global uchar4 *dst,
                              const uint width, const uint height, __constant const float *weights,
                              const int radius, const float amount)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    const uchar4 o = original[at(x, y, width)];
    const float4 p = convert_float4(o);
    uchar4 out = convert_uchar4_sat_rte(p + amount * (p - gaussian_column(h, x, y, width, height, weights, radius)));
    out.w = o.w;
    dst[at(x, y, width)] = out;
}

// Horizontal box sums, in integers.
__kernel void box_rows(__global const uchar4 *src, __global int4 *dst, const uint width, const uint height,
                       const int radius)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    int4 sum = (int4) 0;
    for (int k = -radius; k <= radius; k++) {
        sum += convert_int4(src[at(clamp(x + k, 0, (int) width - 1), y, width)]);
    }
    dst[at(x, y, width)] = sum;
}

// Vertical box sums and the mean, (sum + n / 2) / n in integers (n odd: no ties).
__kernel void box_columns(__global const int4 *h, __global const uchar4 *original, __global uchar4 *dst,
                          const uint width, const uint height, const int radius)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    int4 sum = (int4) 0;
    for (int k = -radius; k <= radius; k++) {
        sum += h[at(x, clamp(y + k, 0, (int) height - 1), width)];
    }
    const int n = (2 * radius + 1) * (2 * radius + 1);
    uchar4 out = convert_uchar4((sum + n / 2) / n);
    out.w = original[at(x, y, width)].w;
    dst[at(x, y, width)] = out;
}

static int grey_at(__global const uchar4 *src, const int x, const int y, const uint width)
{
    const uchar4 p = src[at(x, y, width)];
    return round_u8(luma(p.x, p.y, p.z));
}

// round(sqrt(n)) exactly: any estimate, corrected in integers; then up when n > r^2 + r.
static int round_sqrt(const int n)
{
    int r = (int) sqrt((float) n);
    while (r * r > n) {
        r--;
    }
    while ((r + 1) * (r + 1) <= n) {
        r++;
    }
    return n > r * r + r ? r + 1 : r;
}

__kernel void sobel(__global const uchar4 *src, __global uchar4 *dst, const uint width, const uint height)
{
    const int x = get_global_id(0);
    const int y = get_global_id(1);
    if (x >= (int) width || y >= (int) height) {
        return;
    }
    const int up = max(y - 1, 0);
    const int down = min(y + 1, (int) height - 1);
    const int left = max(x - 1, 0);
    const int right = min(x + 1, (int) width - 1);
    const int gx = (grey_at(src, right, up, width) + 2 * grey_at(src, right, y, width) + grey_at(src, right, down, width))
            - (grey_at(src, left, up, width) + 2 * grey_at(src, left, y, width) + grey_at(src, left, down, width));
    const int gy = (grey_at(src, left, down, width) + 2 * grey_at(src, x, down, width) + grey_at(src, right, down, width))
            - (grey_at(src, left, up, width) + 2 * grey_at(src, x, up, width) + grey_at(src, right, up, width));
    const uchar m = (uchar) min(255, round_sqrt(gx * gx + gy * gy));
    dst[at(x, y, width)] = (uchar4) (m, m, m, src[at(x, y, width)].w);
}
