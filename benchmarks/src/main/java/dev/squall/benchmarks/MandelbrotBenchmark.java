package dev.squall.benchmarks;

import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.buffer.CountsBuffer;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.verify.Verdict;
import dev.squall.host.verify.Verifier;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole render (bands, transfers, sum of counts) by size x max-iter x precision x backend x cycle shortcut,
 * on the seed's view. The backend is opened and its program built in the trial set-up, and the result checked
 * against the Java reference there, pixel by pixel, so a fast wrong variant cannot be measured; the counts buffer
 * is allocated there too and reused, as repeated renders of one size do.
 *
 * <p>Run all: {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java -jar benchmarks/target/benchmarks.jar Mandelbrot}
 * (the forks inherit the preload, which keeps PoCL's LLVM from taking the JVM's signal handlers); a subset with JMH's {@code -p}, e.g.
 * {@code -p size=1920x1080 -p maxIter=1000} (see BENCHMARKS.md for the commands behind each figure).
 */
public class MandelbrotBenchmark extends EngineBenchmark {

    @Param({"f64", "f32"})
    public String precision;

    @Param({"640x480", "1920x1080"})
    public String size;

    @Param({"1000", "10000"})
    public int maxIter;

    @Param({"true", "false"})
    public boolean cycleShortcut;

    private Backend backend;
    private MandelbrotParams params;
    private Schedule schedule;
    private CountsBuffer counts;

    @Setup(Level.Trial)
    public void open() {
        String[] wh = size.split("x");
        params = new MandelbrotParams(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                new View(-2.5, 1.0, -1.0, 1.0), maxIter, Precision.parse(precision));
        schedule = Schedule.DEFAULT.withCycleShortcut(cycleShortcut);
        backend = DeviceSelector.open(DeviceSpec.parse(device), params.precision(), OpenCl.probe(), why -> {
            throw new IllegalStateException("--device " + device + " unavailable: " + why);
        });
        counts = CountsBuffer.allocate(params.width(), params.height());
        MandelbrotRenderer.render(backend, params, schedule, counts);
        Verdict verdict = Verifier.mandelbrot(counts, params, 1);
        if (!verdict.identical()) {
            throw new IllegalStateException(device + " " + precision + " differs from the reference in "
                    + verdict.mismatches() + " pixels, first " + verdict.first());
        }
    }

    @Benchmark
    public long render() {
        return MandelbrotRenderer.render(backend, params, schedule, counts).iterations();
    }

    @TearDown(Level.Trial)
    public void close() {
        counts.close();
        backend.close();
    }
}
