package dev.squall.benchmarks;

import dev.squall.host.Backend;
import dev.squall.host.KernelRun;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.image.ImageChain;
import java.lang.foreign.MemorySegment;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.opencl.OpenCl;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.PixelOp;
import dev.squall.kernels.image.PixelReference;
import dev.squall.kernels.image.PixelStep;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The seed's brightness on an RGBA image in memory (no file I/O), per backend, set against the memory bound of
 * the same traffic: {@link #copyBound} copies the same number of bytes (read once, written once) on every core, the
 * fastest any one-pass pixel operation can be. Each backend's output is checked against the reference in set-up.
 * Run: {@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so java -jar benchmarks/target/benchmarks.jar Brightness}.
 */
public class BrightnessBenchmark extends EngineBenchmark {

    @Param({"7680x4320"})
    public String size;

    private Backend backend;
    private KernelRun run;
    private Band whole;
    private List<PixelStep> chain;
    private byte[] in;
    private byte[] out;

    @Setup(Level.Trial)
    public void open() {
        String[] wh = size.split("x");
        in = new byte[Integer.parseInt(wh[0]) * Integer.parseInt(wh[1]) * 4];
        new Random(7).nextBytes(in);
        out = new byte[in.length];
        chain = List.of(PixelOp.parse("brightness=1.2"));
        backend = DeviceSelector.open(DeviceSpec.parse(device), Precision.F32, OpenCl.probe(), why -> {
            throw new IllegalStateException("--device " + device + " unavailable: " + why);
        });
        String[] dims = size.split("x");
        run = backend.prepare(new ImageChain(chain, Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), in),
                Schedule.DEFAULT);
        whole = new Band(0, Integer.parseInt(dims[1]));
        run.run(whole, MemorySegment.ofArray(out));
        if (!Arrays.equals(out, PixelReference.apply(chain, in))) {
            throw new IllegalStateException(device + " brightness differs from the reference");
        }
    }

    @Benchmark
    public byte[] brightness() {
        run.run(whole, MemorySegment.ofArray(out));
        return out;
    }

    /** The same bytes copied, in the same chunks on every core: the memory-bandwidth bound of one pass. */
    @Benchmark
    public byte[] copyBound() {
        int chunk = 1 << 18;
        java.util.stream.IntStream.range(0, (in.length + chunk - 1) / chunk).parallel()
                .forEach(c -> System.arraycopy(in, c * chunk, out, c * chunk, Math.min(chunk, in.length - c * chunk)));
        return out;
    }

    @TearDown(Level.Trial)
    public void close() {
        run.close();
        backend.close();
    }
}
