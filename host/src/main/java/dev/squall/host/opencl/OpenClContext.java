package dev.squall.host.opencl;

import dev.squall.kernels.KernelSource;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/** A context and an in-order queue on one device. Closing releases both; programs and buffers close first. */
public final class OpenClContext implements AutoCloseable {
    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;

    private OpenClContext(OpenClDevice device, cl_context context, cl_command_queue queue) {
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    @SuppressWarnings("deprecation") // clCreateCommandQueue: the one call every OpenCL version (1.2 to 3.0) has.
    public static OpenClContext open(OpenClDevice device) {
        cl_context_properties properties = new cl_context_properties();
        properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        int[] status = new int[1];
        cl_context context = CL.clCreateContext(properties, 1, new cl_device_id[] {device.device()}, null, null,
                status);
        OpenClException.check(status[0], "clCreateContext", device.id());
        cl_command_queue queue = CL.clCreateCommandQueue(context, device.device(), 0, status);
        if (status[0] != CL.CL_SUCCESS) {
            CL.clReleaseContext(context);
            OpenClException.check(status[0], "clCreateCommandQueue", device.id());
        }
        return new OpenClContext(device, context, queue);
    }

    public OpenClDevice device() {
        return device;
    }

    cl_command_queue queue() {
        return queue;
    }

    /**
     * Compiles {@code source}; a compile error throws {@link OpenClBuildException} with the build log. Always with
     * {@code -w}: some drivers' compilers (PoCL's clang, on a cold kernel cache) print their warnings, or a count
     * such as "13 warnings generated.", straight to the process's stderr, where they read as Squall's own output.
     * Warnings are for whoever edits the kernels; a failed build's log still has every error.
     */
    public OpenClProgram build(KernelSource source, String requested) {
        String options = requested.isBlank() ? "-w" : "-w " + requested;
        int[] status = new int[1];
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source.text()}, null, status);
        OpenClException.check(status[0], "clCreateProgramWithSource", device.id());
        int built = CL.clBuildProgram(program, 1, new cl_device_id[] {device.device()}, options, null, null);
        if (built != CL.CL_SUCCESS) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new OpenClBuildException(built, device.id(), source.name(), options, log);
        }
        return new OpenClProgram(this, program);
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        if (CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size)
                != CL.CL_SUCCESS) {
            return "(no build log)";
        }
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device.device(), CL.CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        int n = 0;
        while (n < log.length && log[n] != 0) {
            n++;
        }
        return new String(log, 0, n, StandardCharsets.UTF_8);
    }

    /** A device buffer the kernels only read, filled by {@link #write}. */
    public OpenClBuffer allocateReadOnly(long bytes) {
        return create(CL.CL_MEM_READ_ONLY, bytes, null);
    }

    /** An uninitialised device buffer the kernels write and the host reads back. */
    public OpenClBuffer allocate(long bytes) {
        return create(CL.CL_MEM_WRITE_ONLY, bytes, null);
    }

    /** Copies {@code values} to the start of {@code buffer}; blocks until done. */
    public void write(OpenClBuffer buffer, double[] values) {
        write(buffer, (long) values.length * Double.BYTES, Pointer.to(values));
    }

    /** Copies {@code values} to the start of {@code buffer}; blocks until done. */
    public void write(OpenClBuffer buffer, float[] values) {
        write(buffer, (long) values.length * Float.BYTES, Pointer.to(values));
    }

    /** Copies {@code values} to the start of {@code buffer}; blocks until done. */
    public void write(OpenClBuffer buffer, byte[] values) {
        write(buffer, values.length, Pointer.to(values));
    }

    /** Copies {@code values} to the start of {@code buffer}; blocks until done. */
    public void write(OpenClBuffer buffer, int[] values) {
        write(buffer, (long) values.length * Integer.BYTES, Pointer.to(values));
    }

    /**
     * Maps {@code buffer} into host memory (for writing, or for reading), hands the mapping to {@code use}, then
     * unmaps it; blocks until both are done. Transfers through a mapping are what clpeak's "map" figures measure.
     */
    public void mapped(OpenClBuffer buffer, boolean write, java.util.function.Consumer<java.nio.ByteBuffer> use) {
        int[] status = new int[1];
        java.nio.ByteBuffer view = CL.clEnqueueMapBuffer(queue, buffer.mem(), true,
                write ? CL.CL_MAP_WRITE : CL.CL_MAP_READ, 0, buffer.bytes(), 0, null, null, status);
        OpenClException.check(status[0], "clEnqueueMapBuffer", device.id());
        try {
            use.accept(view.order(java.nio.ByteOrder.nativeOrder()));
        } finally {
            OpenClException.check(CL.clEnqueueUnmapMemObject(queue, buffer.mem(), view, 0, null, null),
                    "clEnqueueUnmapMemObject", device.id());
            OpenClException.check(CL.clFinish(queue), "clFinish(unmap)", device.id());
        }
    }

    /** Copies {@code source} (native memory) to the start of {@code buffer}; blocks until done. */
    public void write(OpenClBuffer buffer, MemorySegment source) {
        write(buffer, source.byteSize(), Pointer.to(source.asByteBuffer()));
    }

    /** Copies the first {@code destination.length} bytes of {@code buffer} into {@code destination}; blocks. */
    public void read(OpenClBuffer buffer, byte[] destination) {
        OpenClException.check(CL.clEnqueueReadBuffer(queue, buffer.mem(), true, 0, destination.length,
                Pointer.to(destination), 0, null, null), "clEnqueueReadBuffer", device.id());
    }

    private void write(OpenClBuffer buffer, long bytes, Pointer host) {
        OpenClException.check(CL.clEnqueueWriteBuffer(queue, buffer.mem(), true, 0, bytes, host, 0, null, null),
                "clEnqueueWriteBuffer", device.id());
    }

    private OpenClBuffer create(long flags, long bytes, Pointer host) {
        int[] status = new int[1];
        cl_mem mem = CL.clCreateBuffer(context, flags, bytes, host, status);
        OpenClException.check(status[0], "clCreateBuffer(" + bytes + " bytes)", device.id());
        return new OpenClBuffer(mem, bytes);
    }

    /** Copies the first {@code destination.byteSize()} bytes of {@code buffer} into host memory; blocks. */
    /** Copies the first {@code count} ints of {@code buffer} into the start of {@code destination}; blocks. */
    public void read(OpenClBuffer buffer, int[] destination, int count) {
        OpenClException.check(CL.clEnqueueReadBuffer(queue, buffer.mem(), true, 0, (long) count * Integer.BYTES,
                Pointer.to(destination), 0, null, null), "clEnqueueReadBuffer", device.id());
    }

    /** Copies the start of {@code buffer} into all of {@code destination}; blocks until done. */
    public void read(OpenClBuffer buffer, MemorySegment destination) {
        OpenClException.check(CL.clEnqueueReadBuffer(queue, buffer.mem(), true, 0, destination.byteSize(),
                Pointer.to(destination.asByteBuffer()), 0, null, null), "clEnqueueReadBuffer", device.id());
    }

    @Override
    public void close() {
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
