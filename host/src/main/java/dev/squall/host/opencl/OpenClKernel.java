package dev.squall.host.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/** One kernel entry point: arguments by index, a blocking 2-D launch. Not for concurrent use. */
public final class OpenClKernel implements AutoCloseable {
    private final OpenClContext context;
    private final cl_kernel kernel;
    private final String name;

    OpenClKernel(OpenClContext context, cl_kernel kernel, String name) {
        this.context = context;
        this.kernel = kernel;
        this.name = name;
    }

    public OpenClKernel arg(int index, OpenClBuffer buffer) {
        return set(index, Sizeof.cl_mem, Pointer.to(buffer.mem()));
    }

    public OpenClKernel argUint(int index, int value) {
        return set(index, Sizeof.cl_uint, Pointer.to(new int[] {value}));
    }

    /** Runs over {@code items} work-items, rounded up to a multiple of {@code group} (the kernel checks the end). */
    public void run1d(long items, long group) {
        String device = context.device().id();
        long global = (items + group - 1) / group * group;
        OpenClException.check(CL.clEnqueueNDRangeKernel(context.queue(), kernel, 1, null, new long[] {global},
                new long[] {group}, 0, null, null), "clEnqueueNDRangeKernel(" + name + ")", device);
        OpenClException.check(CL.clFinish(context.queue()), "clFinish(" + name + ")", device);
    }

    public OpenClKernel argDouble(int index, double value) {
        return set(index, Sizeof.cl_double, Pointer.to(new double[] {value}));
    }

    /** A {@code half} argument: its IEEE 754 binary16 bits. */
    public OpenClKernel argHalf(int index, short bits) {
        return set(index, Sizeof.cl_half, Pointer.to(new short[] {bits}));
    }

    public OpenClKernel argFloat(int index, float value) {
        return set(index, Sizeof.cl_float, Pointer.to(new float[] {value}));
    }

    private OpenClKernel set(int index, long size, Pointer value) {
        OpenClException.check(CL.clSetKernelArg(kernel, index, size, value),
                "clSetKernelArg(" + name + ", " + index + ")", context.device().id());
        return this;
    }

    /** Runs over {@code width x height} work-items (local size left to the driver) and waits for the end. */
    public void run2d(long width, long height) {
        run2d(width, height, null);
    }

    /**
     * Runs over {@code width x height} work-items in work-groups of {@code local} (null: the driver chooses), and
     * waits for the end. With a local size, the global size must be a multiple of it (OpenCL 1.2).
     */
    public void run2d(long width, long height, long[] local) {
        String device = context.device().id();
        OpenClException.check(CL.clEnqueueNDRangeKernel(context.queue(), kernel, 2, null,
                new long[] {width, height}, local, 0, null, null), "clEnqueueNDRangeKernel(" + name + ")", device);
        OpenClException.check(CL.clFinish(context.queue()), "clFinish(" + name + ")", device);
    }

    @Override
    public void close() {
        CL.clReleaseKernel(kernel);
    }
}
