package dev.squall.host.opencl;

import dev.squall.api.DeviceInfo;
import dev.squall.host.Backend;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.Precision;
import dev.squall.kernels.deep.DeepKernel;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.image.ImageChain;
import dev.squall.kernels.image.PixelKernel;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.util.HashMap;
import java.util.Map;

/**
 * One OpenCL device through JOCL. The context lives as long as the backend; each program is built once (per
 * precision and formula, and the image program) and kept for every later run; band buffers live for one band. Its
 * kernels: {@link OpenClEscapeTime}, {@link OpenClImageChain} and {@link OpenClDeepZoom}.
 */
public final class OpenClBackend implements Backend {
    /**
     * Largest band buffer by default: 64 MiB (16 M pixels) keeps each launch well under a second on a GPU (display
     * watchdogs) while launch overhead stays negligible; smaller when the device's allocation limit is smaller.
     */
    public static final long DEFAULT_MAX_BAND_BYTES = 64L << 20;


    /** Work-group of the scalar kernel on GPUs: 128 items in a 16 x 8 block, neighbours in both directions. */
    static final long[] GPU_GROUP = {16, 8};

    private final OpenClDevice device;
    private final OpenClContext context;
    private final long maxBandBytes;
    private final long maxImageBytes;
    private final Map<String, OpenClProgram> programs = new HashMap<>();
    private final Map<String, OpenClKernel> kernels = new HashMap<>();
    private OpenClProgram pixelProgram;

    public OpenClBackend(OpenClDevice device) {
        this(device, DEFAULT_MAX_BAND_BYTES, device.maxAllocBytes());
    }

    /** Smaller buffers than the device allows, to force many bands and pieces in tests. */
    public OpenClBackend(OpenClDevice device, long maxBandBytes) {
        this(device, maxBandBytes, maxBandBytes);
    }

    /**
     * {@code maxBandBytes}: the largest counts buffer of one Mandelbrot band; {@code maxImageBytes}: the largest
     * buffer of an image band (its 16-byte-a-pixel intermediate). Both capped by the device's allocation limit.
     */
    private OpenClBackend(OpenClDevice device, long maxBandBytes, long maxImageBytes) {
        this.device = device;
        this.maxBandBytes = Math.min(maxBandBytes, device.maxAllocBytes());
        this.maxImageBytes = Math.min(maxImageBytes, device.maxAllocBytes());
        this.context = OpenClContext.open(device);
    }

    @Override
    public String id() {
        return device.id();
    }

    @Override
    public String family() {
        return "opencl";
    }

    @Override
    public DeviceInfo info() {
        return device.info();
    }

    @Override
    public String label() {
        return device.label();
    }

    @Override
    public long maxBandPixels() {
        return maxBandBytes / Integer.BYTES;
    }

    /**
     * Every escape-time formula in both precisions (fp64 is the device's own question: refused by
     * {@link UnsupportedOperationException}), image chains, and deep zoom (its first tier; refused without fp64).
     */
    @Override
    public KernelRun prepare(Kernel kernel, Schedule schedule) {
        return switch (kernel) {
            case MandelbrotParams params -> new OpenClEscapeTime(this, params, schedule);
            case ImageChain chain -> new OpenClImageChain(this, chain);
            case DeepParams deep -> new OpenClDeepZoom(this, deep);
            default -> throw KernelRefusedException.unknown(this, kernel);
        };
    }

    OpenClDevice device() {
        return device;
    }

    OpenClContext context() {
        return context;
    }

    /** The largest buffer of an image band (its 16-byte-a-pixel intermediate), and of deep zoom's reference data. */
    long maxImageBytes() {
        return maxImageBytes;
    }

    /** The largest buffer of point operations' pieces. */
    long maxBandBytes() {
        return maxBandBytes;
    }

    /** The variant {@code schedule} asks for on this device. */
    public boolean simd(Schedule schedule) {
        return switch (schedule.openClVariant()) {
            case AUTO -> device.type() == OpenClDevice.Type.CPU;
            case SCALAR -> false;
            case SIMD -> true;
        };
    }

    OpenClProgram program(Precision precision, Formula formula) {
        String key = MandelbrotKernel.programKey(precision, formula);
        OpenClProgram program = programs.get(key);
        if (program == null) {
            if (precision == Precision.F64 && !device.fp64()) {
                throw new UnsupportedOperationException(device.label() + " has no fp64 support");
            }
            program = context.build(MandelbrotKernel.SOURCE, MandelbrotKernel.buildOptions(precision, formula));
            programs.put(key, program);
        }
        return program;
    }

    OpenClKernel kernel(Precision precision, Formula formula, String name) {
        OpenClProgram program = program(precision, formula);
        return kernels.computeIfAbsent(MandelbrotKernel.programKey(precision, formula) + "/" + name,
                k -> program.kernel(name));
    }

    /** Deep zoom's first tier, in the variant for plain or extended deltas (built once, kept). */
    OpenClKernel deepKernel(boolean extended) {
        String key = "deep/" + DeepKernel.buildOptions(extended);
        OpenClProgram program = programs.computeIfAbsent(key,
                k -> context.build(DeepKernel.SOURCE, DeepKernel.buildOptions(extended)));
        return kernels.computeIfAbsent(key + "/" + DeepKernel.ENTRY, k -> program.kernel(DeepKernel.ENTRY));
    }

    OpenClKernel pixelKernel(String name) {
        if (pixelProgram == null) {
            pixelProgram = context.build(PixelKernel.SOURCE, "");
        }
        return kernels.computeIfAbsent("image/" + name, k -> pixelProgram.kernel(name));
    }

    @Override
    public void close() {
        kernels.values().forEach(OpenClKernel::close);
        programs.values().forEach(OpenClProgram::close);
        if (pixelProgram != null) {
            pixelProgram.close();
        }
        context.close();
    }
}
