package dev.squall.host.opencl;

import dev.squall.host.Backend;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotGrid;
import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;
import org.jocl.CL;

/**
 * Runs kernels on one OpenCL device through JOCL. The context lives as long as the backend; each program is built
 * once per precision and kept; band buffers live for one band.
 */
public final class OpenClBackend implements Backend {
    /**
     * Largest band buffer by default: 64 MiB (16 M pixels) keeps each launch well under a second on a GPU (display
     * watchdogs) while launch overhead stays negligible; smaller when the device's allocation limit is smaller.
     */
    public static final long DEFAULT_MAX_BAND_BYTES = 64L << 20;

    /**
     * Fault injection, for tests of what happens when a device fails: the 0-based number of the band (counted over
     * this backend's life) on which it fails as a device would, with CL_OUT_OF_RESOURCES.
     */
    public static final String FAULT_TILE = "squall.fault.opencl-tile";

    private final OpenClDevice device;
    private final long faultTile = Long.getLong(FAULT_TILE, -1);
    private long tiles;
    private final OpenClContext context;
    private final long maxBandBytes;
    private final Map<Precision, OpenClProgram> programs = new EnumMap<>(Precision.class);
    private final Map<Precision, OpenClKernel> kernels = new EnumMap<>(Precision.class);

    public OpenClBackend(OpenClDevice device) {
        this(device, DEFAULT_MAX_BAND_BYTES);
    }

    /** {@code maxBandBytes}: the largest counts buffer of one band (tests make it small to force many bands). */
    public OpenClBackend(OpenClDevice device, long maxBandBytes) {
        this.device = device;
        this.maxBandBytes = Math.min(maxBandBytes, device.maxAllocBytes());
        this.context = OpenClContext.open(device);
    }

    @Override
    public String id() {
        return device.id();
    }

    @Override
    public String label() {
        return device.label();
    }

    @Override
    public long maxBandPixels() {
        return maxBandBytes / Integer.BYTES;
    }

    @Override
    public void prepare(Precision precision) {
        kernel(precision);
    }

    private OpenClKernel kernel(Precision precision) {
        OpenClKernel kernel = kernels.get(precision);
        if (kernel == null) {
            if (precision == Precision.F64 && !device.fp64()) {
                throw new UnsupportedOperationException(device.label() + " has no fp64 support");
            }
            OpenClProgram program = context.build(MandelbrotKernel.SOURCE, MandelbrotKernel.buildOptions(precision));
            programs.put(precision, program);
            kernel = program.kernel(MandelbrotKernel.ENTRY_POINT);
            kernels.put(precision, kernel);
        }
        return kernel;
    }

    @Override
    public void mandelbrot(MandelbrotGrid grid, Band band, MemorySegment destination) {
        Precision precision = grid.params().precision();
        int width = grid.params().width();
        OpenClKernel kernel = kernel(precision);
        if (tiles++ == faultTile) {
            throw new OpenClException("clEnqueueNDRangeKernel(" + MandelbrotKernel.ENTRY_POINT + ") [injected by -D"
                    + FAULT_TILE + "=" + faultTile + "]", CL.CL_OUT_OF_RESOURCES, device.id());
        }
        boolean f64 = precision == Precision.F64;
        try (OpenClBuffer xs = f64 ? context.upload(grid.xs()) : context.upload(grid.xsF32());
             OpenClBuffer ys = f64 ? context.upload(grid.ys(band.firstRow(), band.rows()))
                     : context.upload(grid.ysF32(band.firstRow(), band.rows()));
             OpenClBuffer counts = context.allocate(band.pixels(width) * Integer.BYTES)) {
            kernel.arg(0, xs).arg(1, ys).arg(2, counts).argUint(3, width).argUint(4, grid.params().maxIter());
            kernel.run2d(width, band.rows());
            context.read(counts, destination);
        }
    }

    @Override
    public void close() {
        kernels.values().forEach(OpenClKernel::close);
        programs.values().forEach(OpenClProgram::close);
        context.close();
    }
}
