package dev.squall.host.tornado;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.Backend;
import dev.squall.host.DeviceException;
import dev.squall.host.KernelRefusedException;
import dev.squall.kernels.image.ImageChain;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.device.BackendProvider;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TornadoVM backend on TornadoVM's default device (PoCL here), in exact mode: both launch styles, both
 * precisions, with and without the cycle shortcut, against the Java reference bit for bit, with executed iterations
 * equal to the CPU backend's. Runs only with -Ptornado, on TornadoVM's JVM.
 */
class TornadoBackendTest {
    private static Backend tornado;

    @BeforeAll
    static void open() {
        tornado = DeviceSelector.tornado().open(-1, false, Precision.F64);
    }

    @AfterAll
    static void close() {
        tornado.close();
    }

    static Stream<Arguments> cases() {
        List<Object[]> views = List.of(
                // The seed's own: its sum and CRC-32 are in shared/reference.
                new Object[] {1920, 1080, 1000, new View(-2.5, 1.0, -1.0, 1.0)},
                // Odd sizes that no work-group size divides, reversed axes, long orbits near the boundary.
                new Object[] {333, 177, 500, new View(1.0, -2.5, 1.2, -1.2)},
                new Object[] {101, 37, 20000, new View(-0.7497, -0.7487, 0.0297, 0.0307)},
                new Object[] {1, 1, 77, new View(-0.75, 0.0, 0.1, 0.2)},
                new Object[] {97, 61, 3000, new View(-1.4, -0.6, -0.3, 0.3)});
        return Stream.of(Schedule.TornadoApi.values()).flatMap(api -> Stream.of(Precision.values())
                .flatMap(p -> Stream.of(true, false).flatMap(cycles -> views.stream()
                        .map(v -> Arguments.of(api, p, cycles, v[0], v[1], v[2], v[3])))));
    }

    @ParameterizedTest(name = "{0} {1} shortcut {2} {3}x{4} max-iter {5} view {6}")
    @MethodSource("cases")
    void mandelbrotEqualsTheReferenceAndExecutesWhatTheCpuBackendDoes(Schedule.TornadoApi api, Precision precision,
            boolean cycles, int w, int h, int maxIter, View view) {
        MandelbrotParams params = new MandelbrotParams(w, h, view, maxIter, precision);
        Schedule schedule = Schedule.DEFAULT.withCycleShortcut(cycles).withTornadoApi(api);
        int[] expected = MandelbrotReference.render(params);
        RenderResult result = MandelbrotRenderer.render(tornado, params, schedule);
        long cpuExecuted;
        try (CpuBackend cpu = new CpuBackend()) {
            cpuExecuted = MandelbrotRenderer.render(cpu, params, schedule).stages().executedIterations();
        }
        try (CountsBuffer counts = result.counts()) {
            for (int i = 0; i < expected.length; i++) {
                if (counts.get(i) != expected[i]) {
                    throw new AssertionError("pixel " + i + ": " + counts.get(i) + ", the reference " + expected[i]);
                }
            }
            if (w == 1920 && precision == Precision.F64) {
                assertEquals(458700700L, counts.sum());
                assertEquals(0xc7052418L, counts.crc32());
            }
        }
        assertEquals(cpuExecuted, result.stages().executedIterations());
    }

    @Test
    void manyDistinctLaunchesOnOneBackendEvictOldPlansAndStayExact() {
        // Every max-iter is a task graph of its own; more of them than are kept, twice over, on one backend.
        for (int round = 0; round < 2; round++) {
            for (int maxIter = 10; maxIter <= 90; maxIter += 10) {
                MandelbrotParams params = new MandelbrotParams(67, 29, new View(-2.5, 1.0, -1.0, 1.0), maxIter,
                        Precision.F32);
                int[] expected = MandelbrotReference.render(params);
                try (CountsBuffer counts = MandelbrotRenderer.render(tornado, params, Schedule.DEFAULT).counts()) {
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], counts.get(i), "max-iter " + maxIter + " pixel " + i);
                    }
                }
            }
        }
    }

    @Test
    void aKernelContextLaunchThatNeverRanIsAnErrorNotAnImageOfZeros() {
        MandelbrotParams params = new MandelbrotParams(333, 177, new View(-2.5, 1.0, -1.0, 1.0), 200,
                Precision.F32);
        Schedule schedule = Schedule.DEFAULT.withTornadoApi(Schedule.TornadoApi.KERNEL_CONTEXT);
        System.setProperty(TornadoVmBackend.FAULT_UNROUNDED_GRID, "true");
        try (Backend fresh = DeviceSelector.tornado().open(-1, false, Precision.F32)) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> MandelbrotRenderer.render(fresh, params, schedule));
            assertTrue(e.getMessage().matches("TornadoVM left \\d+ of 58941 pixels of rows 0-176 unwritten on"
                    + " tornado:\\d+ \\(a launch that failed without an error\\)"), e.getMessage());
        } finally {
            System.clearProperty(TornadoVmBackend.FAULT_UNROUNDED_GRID);
        }
    }

    @ParameterizedTest
    @EnumSource(Schedule.TornadoApi.class)
    void brightnessEqualsTheReferenceAndTheSeedChecksum(Schedule.TornadoApi api) {
        byte[] seed = new byte[1920 * 1080 * 4];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (i * 31 % 256);
        }
        byte[] out = new byte[seed.length];
        ((TornadoVmBackend) tornado).brightness(1.2f, api, seed, out);
        CRC32 crc = new CRC32();
        crc.update(out);
        assertEquals(0xd9e66ea0L, crc.getValue());

        byte[] random = new byte[37 * 23 * 4];
        new Random(7).nextBytes(random);
        for (float factor : new float[] {0f, 0.5f, 1f, 1.7f, 255f, 3e38f}) {
            byte[] result = new byte[random.length];
            ((TornadoVmBackend) tornado).brightness(factor, api, random, result);
            assertArrayEquals(PixelReference.apply(List.of(new PixelStep(PixelOp.BRIGHTNESS, factor)), random), result,
                    "factor " + factor);
        }
    }

    @Test
    void otherImageOperationsAreRefusedByName() {
        var e = assertThrows(KernelRefusedException.class, () -> tornado.prepare(new ImageChain(
                List.of(new PixelStep(PixelOp.CONTRAST, 1.2f)), 1, 1, new byte[4]), Schedule.DEFAULT));
        assertEquals("TornadoVM devices run brightness=F alone (got [contrast=1.2]); use the cpu device or an OpenCL"
                + " device for other operations", e.getMessage());
    }

    @Test
    void devicesAreListedWithTheirOpenClTwinAndExactAndFastCannotShareAProcess() {
        List<BackendProvider.Device> devices = DeviceSelector.tornado().devices();
        assertFalse(devices.isEmpty());
        assertEquals("tornado:0", devices.getFirst().id());
        assertTrue(devices.getFirst().description().contains(" / TornadoVM "), devices.getFirst().description());
        var e = assertThrows(DeviceUnavailableException.class,
                () -> DeviceSelector.tornado().open(0, true, Precision.F32));
        assertEquals("TornadoVM already runs exact arithmetic in this process: use only tornado devices here",
                e.getMessage());
        var none = assertThrows(DeviceUnavailableException.class,
                () -> DeviceSelector.tornado().open(devices.size(), false, Precision.F32));
        assertTrue(none.getMessage().startsWith("--device tornado:" + devices.size() + " names no TornadoVM device"),
                none.getMessage());
    }
}
