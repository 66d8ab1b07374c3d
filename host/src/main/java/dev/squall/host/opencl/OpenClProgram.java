package dev.squall.host.opencl;

import org.jocl.CL;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A program built for one device. Closing releases it; kernels made from it close first. */
public final class OpenClProgram implements AutoCloseable {
    private final OpenClContext context;
    private final cl_program program;

    OpenClProgram(OpenClContext context, cl_program program) {
        this.context = context;
        this.program = program;
    }

    public OpenClKernel kernel(String name) {
        int[] status = new int[1];
        cl_kernel kernel = CL.clCreateKernel(program, name, status);
        OpenClException.check(status[0], "clCreateKernel(" + name + ")", context.device().id());
        return new OpenClKernel(context, kernel, name);
    }

    @Override
    public void close() {
        CL.clReleaseProgram(program);
    }
}
