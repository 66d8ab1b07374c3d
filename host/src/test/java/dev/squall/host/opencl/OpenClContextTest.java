package dev.squall.host.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.KernelSource;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotKernel;
import dev.squall.testing.OpenClTestDevice;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import org.jocl.CL;
import org.junit.jupiter.api.Test;

class OpenClContextTest {

    @Test
    void buildFailureCarriesTheCompilerLogAndTheStatus() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F32);
        KernelSource broken = new KernelSource("broken.cl",
                "__kernel void broken(__global uint *out) { out[0] = undeclared_name; }");
        try (OpenClContext context = OpenClContext.open(device)) {
            var e = assertThrows(OpenClBuildException.class, () -> context.build(broken, ""));
            assertEquals(CL.CL_BUILD_PROGRAM_FAILURE, e.status());
            assertTrue(e.buildLog().contains("undeclared_name"), e.buildLog());
            assertTrue(e.getMessage().startsWith("OpenCL error CL_BUILD_PROGRAM_FAILURE (-11) in clBuildProgram on "
                    + device.id() + " building broken.cl"), e.getMessage());
            assertTrue(e.getMessage().contains("undeclared_name"), e.getMessage());
        }
    }

    @Test
    void kernelsReadUploadedDataAndWriteBack() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F32);
        KernelSource copy = new KernelSource("copy.cl", """
                __kernel void copy(__global const float *in, __global uint *out, const uint width, const uint unused) {
                    out[get_global_id(1) * width + get_global_id(0)] = (uint) in[get_global_id(0)] + get_global_id(1);
                }""");
        try (OpenClContext context = OpenClContext.open(device);
             OpenClProgram program = context.build(copy, "");
             OpenClKernel kernel = program.kernel("copy");
             OpenClBuffer in = context.allocateReadOnly(3 * 4);
             OpenClBuffer out = context.allocate(3 * 2 * 4);
             Arena arena = Arena.ofConfined()) {
            var host = arena.allocate(3 * 2 * 4);
            context.write(in, new float[] {3, 5, 7});
            kernel.arg(0, in).arg(1, out).argUint(2, 3).argUint(3, 0).run2d(3, 2);
            context.read(out, host);
            int[] got = host.toArray(ValueLayout.JAVA_INT);
            assertEquals("[3, 5, 7, 4, 6, 8]", java.util.Arrays.toString(got));
        }
    }

    @Test
    void unknownKernelNameIsAnErrorWithTheName() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F32);
        try (OpenClContext context = OpenClContext.open(device);
             OpenClProgram program = context.build(MandelbrotKernel.SOURCE, MandelbrotKernel.buildOptions(Precision.F32))) {
            var e = assertThrows(OpenClException.class, () -> program.kernel("no_such_kernel"));
            assertEquals(CL.CL_INVALID_KERNEL_NAME, e.status());
            assertTrue(e.getMessage().contains("clCreateKernel(no_such_kernel)"), e.getMessage());
        }
    }
}
