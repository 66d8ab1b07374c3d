package dev.squall.host.opencl;

import org.jocl.CL;
import org.jocl.cl_mem;

/** Device memory. Closing releases it. */
public final class OpenClBuffer implements AutoCloseable {
    private final cl_mem mem;
    private final long bytes;

    OpenClBuffer(cl_mem mem, long bytes) {
        this.mem = mem;
        this.bytes = bytes;
    }

    cl_mem mem() {
        return mem;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        CL.clReleaseMemObject(mem);
    }
}
