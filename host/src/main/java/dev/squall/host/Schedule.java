package dev.squall.host;

/**
 * How a kernel is run, apart from what it computes: choices that never change a result. Every schedule is checked
 * against the reference by the tests.
 *
 * @param cycleShortcut stop an orbit whose state repeats bit for bit (Brent's method) and give it {@code maxIter},
 *     which is what the full loop would give; off only to measure what it saves or costs
 * @param openClVariant which OpenCL kernel: {@code AUTO} picks by device type
 * @param tornadoApi how the TornadoVM backend launches its kernels
 */
public record Schedule(boolean cycleShortcut, OpenClVariant openClVariant, TornadoApi tornadoApi) {
    public static final Schedule DEFAULT = new Schedule(true, OpenClVariant.AUTO, TornadoApi.PARALLEL);

    public Schedule(boolean cycleShortcut, OpenClVariant openClVariant) {
        this(cycleShortcut, openClVariant, TornadoApi.PARALLEL);
    }

    /** The OpenCL kernel variants. */
    public enum OpenClVariant {
        /** SIMD for CPU-type devices, scalar for the others (GPUs, accelerators). */
        AUTO,
        /** One pixel per work-item: GPUs spread them over their many lanes themselves. */
        SCALAR,
        /** Several pixels per work-item in OpenCL vector types (one double16, two float16): what CPU devices need. */
        SIMD
    }

    /** TornadoVM's two ways of writing a kernel; the same pixel function in both. */
    public enum TornadoApi {
        /** {@code @Parallel} loops over rows and columns: TornadoVM chooses the work-group sizes. */
        PARALLEL,
        /** {@code KernelContext} with a grid the host chooses: global sizes rounded up to whole work-groups. */
        KERNEL_CONTEXT
    }

    public Schedule withCycleShortcut(boolean on) {
        return new Schedule(on, openClVariant, tornadoApi);
    }

    public Schedule withOpenClVariant(OpenClVariant variant) {
        return new Schedule(cycleShortcut, variant, tornadoApi);
    }

    public Schedule withTornadoApi(TornadoApi api) {
        return new Schedule(cycleShortcut, openClVariant, api);
    }
}
