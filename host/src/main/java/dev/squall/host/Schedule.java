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
    /**
     * What renders use unless told otherwise: the cycle shortcut on, the OpenCL kernel by device type, TornadoVM's
     * {@code @Parallel} loops.
     */
    public static final Schedule DEFAULT = new Schedule(true, OpenClVariant.AUTO, TornadoApi.PARALLEL);

    /**
     * A schedule with TornadoVM's {@link TornadoApi#PARALLEL} loops.
     *
     * @param cycleShortcut stop an orbit whose state repeats bit for bit, giving it {@code maxIter}
     * @param openClVariant which OpenCL kernel
     */
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

    /**
     * This schedule with the cycle shortcut on or off.
     *
     * @param on whether orbits whose state repeats stop early
     * @return a schedule that differs from this one in {@code cycleShortcut} at most
     */
    public Schedule withCycleShortcut(boolean on) {
        return new Schedule(on, openClVariant, tornadoApi);
    }

    /**
     * This schedule with another OpenCL kernel.
     *
     * @param variant the kernel OpenCL devices run
     * @return a schedule that differs from this one in {@code openClVariant} at most
     */
    public Schedule withOpenClVariant(OpenClVariant variant) {
        return new Schedule(cycleShortcut, variant, tornadoApi);
    }

    /**
     * This schedule with another way of launching TornadoVM kernels.
     *
     * @param api how the TornadoVM backend launches its kernels
     * @return a schedule that differs from this one in {@code tornadoApi} at most
     */
    public Schedule withTornadoApi(TornadoApi api) {
        return new Schedule(cycleShortcut, openClVariant, api);
    }
}
