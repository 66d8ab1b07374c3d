package dev.squall.testing;

import dev.squall.api.DeviceInfo;
import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Kernel;
import java.lang.foreign.MemorySegment;

/**
 * A backend that hands everything to another: the base of the tests' faulty and restricted devices. Each band of
 * every run goes through {@link #band}, which a test overrides to fail, count or corrupt bands.
 */
public class ForwardingBackend implements Backend {
    protected final Backend inner;

    public ForwardingBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String family() {
        return inner.family();
    }

    @Override
    public DeviceInfo info() {
        return inner.info();
    }

    @Override
    public String label() {
        return inner.label();
    }

    @Override
    public long maxBandPixels() {
        return inner.maxBandPixels();
    }

    @Override
    public KernelRun prepare(Kernel kernel, Schedule schedule) {
        KernelRun run = inner.prepare(kernel, schedule);
        return new KernelRun() {
            @Override
            public BandStats run(Band band, MemorySegment destination) {
                return band(kernel, run, band, destination);
            }

            @Override
            public void close() {
                run.close();
            }
        };
    }

    /** One band of {@code kernel}: {@code run}'s, unless a test says otherwise. */
    protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment destination) {
        return run.run(band, destination);
    }

    @Override
    public void close() {
        inner.close();
    }
}
