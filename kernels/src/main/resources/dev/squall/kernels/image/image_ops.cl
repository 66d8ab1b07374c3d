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
