package dev.squall.benchmarks;

import dev.squall.host.Backend;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.MandelbrotReference;
import dev.squall.kernels.mandelbrot.View;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole render (bands, transfers, counts summed) per backend and precision. The backend is opened and its
 * program built in the trial set-up, and its result checked against the Java reference there, so a fast wrong
 * variant cannot be measured. Run: {@code java -jar benchmarks/target/benchmarks.jar Mandelbrot}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class MandelbrotBenchmark {

    @Param({"cpu", "opencl"})
    public String device;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"640x480"})
    public String size;

    @Param({"1000"})
    public int maxIter;

    private Backend backend;
    private MandelbrotParams params;

    @Setup(Level.Trial)
    public void open() {
        String[] wh = size.split("x");
        params = new MandelbrotParams(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                new View(-2.5, 1.0, -1.0, 1.0), maxIter, Precision.parse(precision));
        backend = DeviceSelector.open(DeviceSpec.parse(device), params.precision(), OpenCl.probe(), why -> {
            throw new IllegalStateException("--device " + device + " unavailable: " + why);
        });
        backend.prepare(params.precision());
        int[] reference = MandelbrotReference.render(params);
        try (CountsBuffer counts = MandelbrotRenderer.render(backend, params).counts()) {
            for (int i = 0; i < reference.length; i++) {
                if (counts.get(i) != Integer.toUnsignedLong(reference[i])) {
                    throw new IllegalStateException(device + " " + precision + " differs from the reference at pixel "
                            + i + ": " + counts.get(i) + " vs " + reference[i]);
                }
            }
        }
    }

    @Benchmark
    public long render() {
        try (CountsBuffer counts = MandelbrotRenderer.render(backend, params).counts()) {
            return counts.get(counts.pixels() / 2);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
    }
}
