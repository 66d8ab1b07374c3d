package dev.squall.host.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.host.Backend;
import dev.squall.host.BandStats;
import dev.squall.host.DeviceException;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Kernel;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import dev.squall.testing.ForwardingBackend;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one scheduler: preparing before any tile, refusals, fallback from a failed preparation, order of the sink. */
class SchedulerTest {
    private static final MandelbrotParams PARAMS = new MandelbrotParams(640, 1700, new View(-2.5, 1, -1.2, 1.2),
            60, Precision.F64);

    private static int[] counts(MemorySegment segment) {
        return segment.toArray(ValueLayout.JAVA_INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    /** A device whose preparation throws {@code failure}; {@code bands} counts the bands any of its runs started. */
    private static Backend preparing(String id, RuntimeException failure, AtomicInteger bands) {
        return new ForwardingBackend(new CpuBackend(1)) {
            @Override
            public String id() {
                return id;
            }

            @Override
            public KernelRun prepare(Kernel kernel, Schedule schedule) {
                if (failure != null) {
                    throw failure;
                }
                return super.prepare(kernel, schedule);
            }

            @Override
            protected BandStats band(Kernel kernel, KernelRun run, Band band, MemorySegment out) {
                bands.incrementAndGet();
                return run.run(band, out);
            }
        };
    }

    @Test
    void aDeviceThatFailsToPrepareHandsItsTilesToTheFallbackAndTheResultIsExact() throws IOException {
        AtomicInteger bands = new AtomicInteger();
        List<String> notices = new ArrayList<>();
        try (Backend broken = preparing("broken", new DeviceException("clBuildProgram failed"), bands);
             Backend good = preparing("good", null, bands);
             Arena arena = Arena.ofShared()) {
            MemorySegment whole = arena.allocate(PARAMS.pixels() * 4);
            Scheduler.Result result = Scheduler.run(List.of(broken, good), PARAMS, Schedule.DEFAULT,
                    Scheduler.Tiling.COMPUTE, whole, null, () -> new CpuBackend(1), notices::add);
            assertArrayEquals(MandelbrotReference.render(PARAMS), counts(whole));
            assertEquals(List.of("broken could not prepare the mandelbrot kernel (clBuildProgram failed); its tiles"
                    + " go to cpu"), notices);
            assertEquals(0, result.device().indexOf("broken (0 tiles) + good ("), result.device());
        }
    }

    @Test
    void withoutAFallbackAFailedPreparationIsThrownAndARefusalAlwaysBeforeAnyTile() {
        AtomicInteger bands = new AtomicInteger();
        try (Backend broken = preparing("broken", new DeviceException("lost"), bands);
             Backend refusing = preparing("refusing", new KernelRefusedException("device refusing does not run it"),
                     bands);
             Backend good = preparing("good", null, bands);
             Arena arena = Arena.ofShared()) {
            MemorySegment whole = arena.allocate(PARAMS.pixels() * 4);
            var lost = assertThrows(DeviceException.class, () -> Scheduler.run(List.of(good, broken), PARAMS,
                    Schedule.DEFAULT, Scheduler.Tiling.COMPUTE, whole, null, null, line -> { }));
            assertEquals("lost", lost.getMessage());
            var refused = assertThrows(KernelRefusedException.class, () -> Scheduler.run(List.of(good, refusing),
                    PARAMS, Schedule.DEFAULT, Scheduler.Tiling.COMPUTE, whole, null, () -> new CpuBackend(1),
                    line -> { }));
            assertEquals("device refusing does not run it", refused.getMessage());
            assertEquals(0, bands.get(), "no device started a tile");
        }
    }

    @Test
    void twoDevicesStreamTheirTilesToTheSinkInImageOrder() throws IOException {
        AtomicInteger bands = new AtomicInteger();
        List<Integer> rows = new ArrayList<>();
        try (Backend one = preparing("one", null, bands); Backend two = preparing("two", null, bands)) {
            Scheduler.Result result = Scheduler.run(List.of(one, two), PARAMS, Schedule.DEFAULT,
                    Scheduler.Tiling.COMPUTE, null, (tile, pixels) -> rows.add(tile.firstRow()), null, line -> { });
            List<Integer> sorted = new ArrayList<>(rows);
            sorted.sort(null);
            assertEquals(sorted, rows);
            assertEquals(result.tiles(), rows.size());
            assertEquals(result.tiles(), bands.get());
        }
    }
}
