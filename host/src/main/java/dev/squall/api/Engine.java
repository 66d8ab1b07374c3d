package dev.squall.api;

import dev.squall.host.Backend;
import dev.squall.host.cpu.CpuBackend;
import dev.squall.host.image.ImageBatch;
import dev.squall.host.imageio.ImageFiles;
import dev.squall.host.render.StreamedRender;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import dev.squall.host.KernelRefusedException;
import dev.squall.host.image.ImageTiles;
import dev.squall.kernels.image.ImageChain;
import dev.squall.host.Schedule;
import dev.squall.host.device.DeviceSelector;
import dev.squall.host.device.DeviceSpec;
import dev.squall.host.device.DeviceUnavailableException;
import dev.squall.host.opencl.OpenCl;
import dev.squall.host.opencl.OpenClDevice;
import dev.squall.host.opencl.OpenClException;
import dev.squall.host.opencl.OpenClProbe;
import dev.squall.host.render.MandelbrotRenderer;
import dev.squall.host.render.RenderResult;
import dev.squall.host.verify.Verdict;
import dev.squall.host.verify.Verifier;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.Precision;
import dev.squall.kernels.image.ImageStep;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Squall's engine for an embedding program: the devices named when it is opened, each opened (and its programs
 * built) once, on first use for a precision, and closed with the engine. Renders share their tiles between the
 * devices, and a tile that fails on a device is redone on the CPU backend, told to the listener.
 * <pre>{@code
 * try (Engine engine = Engine.open("auto", System.err::println);
 *      Render render = engine.render(
 *              new MandelbrotParams(1920, 1080, new View(-2.5, 1, -1, 1), 1000, Precision.F64))) {
 *     if (!engine.verify(render).identical()) throw new AssertionError();
 *     render.writePng(Path.of("mandelbrot.png"));
 * }
 * }</pre>
 * An engine may be used from several threads; each call renders on all of its devices.
 */
public final class Engine implements AutoCloseable {
    /** Mismatches a {@link Verification} keeps. */
    private static final int KEPT_MISMATCHES = 10;

    private final DeviceSpec spec;
    private final EngineListener listener;
    private final UnaryOperator<Backend> decorator;
    private final OpenClProbe probe;
    private final Map<Precision, List<Backend>> backends = new EnumMap<>(Precision.class);
    private List<Backend> imageBackends;
    private boolean closed;

    private Engine(DeviceSpec spec, EngineListener listener, UnaryOperator<Backend> decorator) {
        this.spec = spec;
        this.listener = listener;
        this.decorator = decorator;
        this.probe = OpenCl.probe();
    }

    /**
     * An engine on {@code devices}: {@code auto} (the best OpenCL device, else the CPU backend), {@code cpu},
     * {@code opencl} (the best OpenCL device), {@code opencl:P:D} (platform P, device D, as {@link #devices()}
     * numbers them), {@code all} (every OpenCL device and the CPU), or a comma-separated list of these.
     *
     * @param devices where to run
     * @param listener what hears the engine's notices (device choices, fallbacks)
     * @return the engine; nothing is opened until the first render
     * @throws InvalidParameterException when {@code devices} is not one of the forms above
     */
    public static Engine open(String devices, EngineListener listener) {
        return open(devices, listener, UnaryOperator.identity());
    }

    /**
     * As {@link #open(String, EngineListener)}, each device handed on through {@code decorator} when it is opened:
     * a program's own wrapper (metrics, a test's faults; see {@link Backend}).
     *
     * @param devices where to run
     * @param listener what hears the engine's notices
     * @param decorator wraps each device opened
     * @return the engine; nothing is opened until the first render
     * @throws InvalidParameterException when {@code devices} is not one of the forms of
     *     {@link #open(String, EngineListener)}
     */
    public static Engine open(String devices, EngineListener listener, UnaryOperator<Backend> decorator) {
        return new Engine(DeviceSpec.parse(devices), listener, decorator);
    }

    /**
     * Says, without opening anything, whether the devices named can compute in {@code precision}: a device that is
     * not there, one without fp64 for f64, TornadoVM missing. For programs that make folders or files before they
     * render: a bad device then leaves nothing behind.
     *
     * @param precision the precision of the renders to come
     * @throws EngineException naming the device and what it lacks
     */
    public void check(Precision precision) {
        try {
            DeviceSelector.check(spec, precision, probe);
        } catch (DeviceUnavailableException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code devices} is one of the forms {@link #open(String, EngineListener)} takes, opening nothing.
     *
     * @param devices where to run
     * @throws InvalidParameterException naming the value when it is not
     */
    public static void checkDevices(String devices) {
        DeviceSpec.parse(devices);
    }

    /**
     * As {@link #open(String, EngineListener)}, hearing nothing.
     *
     * @param devices where to run
     * @return the engine
     */
    public static Engine open(String devices) {
        return open(devices, EngineListener.NONE);
    }

    /**
     * The devices this machine has, as {@code open} names them: every OpenCL device ({@code opencl:P:D} and what
     * it is), then {@code cpu}. Without OpenCL (no loader, no driver) only {@code cpu}.
     *
     * @return one line a device: its id, a space, its description
     */
    public static List<String> devices() {
        List<String> lines = new ArrayList<>();
        for (OpenClDevice device : OpenCl.probe().devices()) {
            lines.add(device.id() + " " + device.label());
        }
        lines.add("cpu " + DeviceSelector.cpu().label());
        return lines;
    }

    /**
     * Renders {@code params} whole into native memory.
     *
     * @param params the image: size, view, iterations, precision and formula
     * @return the counts, which the caller closes
     * @throws EngineException when a device named cannot run it (no fp64, a formula it does not know) or fails
     *     beyond what the CPU fallback covers
     * @throws IllegalStateException when the engine is closed
     */
    public Render render(MandelbrotParams params) {
        List<Backend> on = backends(params.precision());
        try {
            RenderResult result = MandelbrotRenderer.render(on, params, Schedule.DEFAULT, DeviceSelector::cpu,
                    listener::notice);
            return new Render(params, result.counts(), result.device(), result.seconds(), result.iterations());
        } catch (DeviceUnavailableException | OpenClException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Renders {@code params} without holding the image: its rows go to {@code sink} in order, a few at a time, as
     * the devices finish them, so memory stays at a few tiles whatever the size (a 100000x100000 image streams
     * through a small heap).
     *
     * @param params the image: size, view, iterations, precision and formula
     * @param sink what takes the rows
     * @return the sum of counts, the time and the device
     * @throws IOException what {@code sink} threw (the render stopped there)
     * @throws EngineException when a device named cannot run it or fails beyond what the CPU fallback covers
     */
    public Streamed stream(MandelbrotParams params, RowSink sink) throws IOException {
        List<Backend> on = backends(params.precision());
        try {
            RenderResult result = MandelbrotRenderer.stream(on, params, Schedule.DEFAULT, DeviceSelector::cpu,
                    listener::notice, (tile, counts) -> sink.accept(tile.firstRow(), tile.rows(), counts));
            return new Streamed(result.iterations(), result.seconds(), result.device());
        } catch (DeviceUnavailableException | OpenClException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /**
     * Renders {@code params} into files and streams without holding the image: tiles go, in order, to each output
     * (and to the verifier when {@code verify}: every tile against the Java reference); each file waits as a
     * temporary file beside its target until {@link FileRender#commit}. The listener hears how far it is
     * ({@link EngineListener#progress}) as each tile is written. On a failure nothing is left behind.
     *
     * @param params the image
     * @param outputs where it goes (none: only the sum, the checksum and the verdict)
     * @param verify compare every pixel with the Java reference
     * @param keptMismatches how many differing pixels the verification keeps
     * @return the render, its outputs waiting for a commit
     * @throws IOException when an output cannot be written (nothing is left behind)
     * @throws EngineException when a device named cannot run it or fails beyond what the CPU fallback covers
     */
    public FileRender renderTo(EscapeTime params, List<FileRender.Output> outputs, boolean verify,
            int keptMismatches) throws IOException {
        List<StreamedRender.Output> files = outputs.stream().map(o -> new StreamedRender.Output(o.path(),
                StreamedRender.Format.valueOf(o.format().name()))).toList();
        Precision precision = params instanceof MandelbrotParams p ? p.precision() : Precision.F64;
        List<Backend> on = backends(precision);
        try {
            return renderTo(on, params, files, verify, keptMismatches);
        } catch (KernelRefusedException | DeviceUnavailableException e) {
            listener.notice(DeviceSelector.cpuInstead(spec, e).orElseThrow(() -> new EngineException(e.getMessage(),
                    e)));
            try (Backend cpu = decorator.apply(DeviceSelector.cpu())) {
                return renderTo(List.of(cpu), params, files, verify, keptMismatches);
            } catch (KernelRefusedException | DeviceUnavailableException again) {
                throw new EngineException(again.getMessage(), again);
            }
        }
    }

    private FileRender renderTo(List<Backend> on, EscapeTime params, List<StreamedRender.Output> files,
            boolean verify, int keptMismatches) throws IOException {
        long[] done = {0};
        StreamedRender.Result result = StreamedRender.run(on, params, Schedule.DEFAULT, files, verify,
                keptMismatches, DeviceSelector::cpu, listener::notice, rows -> {
                    done[0] += rows;    // the sinks take one tile at a time, in order
                    listener.progress(done[0], params.height());
                });
        Verdict verdict = result.verdict();
        return new FileRender(result, verdict == null ? null : new Verification(verdict.pixels(),
                verdict.mismatches(), verdict.first().stream().map(Object::toString).toList(),
                verdict.imagePixels()));
    }

    /** Compiles the image kernels' vector code ahead of the first image, on a daemon thread; returns at once. */
    public static void warmUpImages() {
        CpuBackend.warmUpPixelKernels();
    }

    /** How {@link #images} decodes JPEGs. */
    public enum JpegDecoder {
        /** libjpeg-turbo where the system has it, else ImageIO. */
        AUTO,
        /** ImageIO always. */
        IMAGEIO
    }

    /**
     * Applies an image chain to many files, each written as a PNG: a worker per core decodes and encodes while
     * the engine's devices compute (one image at a time, its bands shared by the devices; {@code auto} takes a GPU
     * or accelerator, else the CPU backend, since an OpenCL device of CPU type only adds copies to memory-bound work).
     * An image whose device fails is redone on the CPU backend, told to the listener; an input that cannot be read
     * is its own outcome, told to the listener as it is found ({@code skipping IN: why}), and the others go on.
     *
     * @param targets each input and the PNG it is written to, in the order the outcomes are wanted
     * @param chain the operations, in order
     * @param verify compare every image with the Java reference, byte for byte; the outputs then wait for
     *     {@link ImageResults#commit}
     * @param pngLevel the PNG compression level, 0 to 9
     * @param jpeg how JPEG inputs are decoded
     * @return each input's outcome
     * @throws EngineException when a device named cannot be opened
     */
    public ImageResults images(Map<Path, Path> targets, List<ImageStep> chain, boolean verify, int pngLevel,
            JpegDecoder jpeg) {
        List<Backend> on = imageBackends();
        ImageBatch.Options options = new ImageBatch.Options(verify, DeviceSelector::cpu, listener::notice)
                .withJpeg(ImageFiles.JpegDecoder.valueOf(jpeg.name()));
        // ImageBatch takes the devices one image at a time itself (locking the list, as image() does).
        return new ImageResults(ImageBatch.run(targets, chain, on, Runtime.getRuntime().availableProcessors(),
                pngLevel, problem -> listener.notice("skipping " + problem), options));
    }

    /** {@return the ids of the devices image chains run on, joined by {@code " + "}; opening them if need be} */
    public String imageDevices() {
        return imageBackends().stream().map(Backend::id).collect(Collectors.joining(" + "));
    }

    /**
     * Compares every pixel of {@code render} with its kernel's Java reference, bit for bit (on every core).
     *
     * @param render what an engine rendered
     * @return how many pixels differ, and the first of them
     */
    public Verification verify(Render render) {
        Verdict verdict = Verifier.mandelbrot(render.buffer(), render.params(), KEPT_MISMATCHES);
        return new Verification(verdict.pixels(), verdict.mismatches(),
                verdict.first().stream().map(Object::toString).toList());
    }

    /**
     * Runs an image chain (point and neighbourhood operations, in order) on an RGBA8 image, on the engine's first
     * device (a GPU or accelerator for {@code auto}; image work is memory-bound, so a CPU-type OpenCL device gives
     * way to the CPU backend).
     *
     * @param chain the operations, as {@link dev.squall.kernels.image.ImageOps#parse} makes them
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @param rgba {@code width * height * 4} bytes, row-major, R G B A
     * @return the result, as many bytes, alpha copied
     * @throws EngineException when the device cannot run the chain (a band that fails on it is redone on the CPU
     *     backend, told to the listener)
     * @throws IllegalArgumentException when {@code rgba} is not {@code width * height * 4} bytes
     * @throws IllegalStateException when the engine is closed
     */
    public byte[] image(List<ImageStep> chain, int width, int height, byte[] rgba) {
        ImageChain kernel = new ImageChain(chain, width, height, rgba);
        byte[] out = new byte[rgba.length];
        try {
            List<Backend> on = imageBackends();
            synchronized (on) {
                ImageTiles.run(on, kernel, out, DeviceSelector::cpu, listener::notice, ImageTiles.BAND_PIXELS);
            }
        } catch (DeviceUnavailableException | OpenClException | UnsupportedOperationException
                | KernelRefusedException e) {
            throw new EngineException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * {@return the ids of the devices the engine has opened for renders so far, joined by {@code ", "}; empty before
     * the first render}
     */
    public synchronized String opened() {
        return backends.values().stream().flatMap(List::stream).map(Backend::id).distinct()
                .collect(Collectors.joining(", "));
    }

    private synchronized List<Backend> backends(Precision precision) {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        List<Backend> on = backends.get(precision);
        if (on == null) {
            try {
                on = DeviceSelector.openAll(spec, precision, probe, listener::notice).stream().map(decorator)
                        .toList();
            } catch (DeviceUnavailableException | OpenClException e) {
                throw new EngineException(e.getMessage(), e);
            }
            backends.put(precision, on);
        }
        return on;
    }

    private synchronized List<Backend> imageBackends() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (imageBackends == null) {
            try {
                List<Backend> opened = spec instanceof DeviceSpec.All || spec instanceof DeviceSpec.Several
                        ? DeviceSelector.openAll(spec, Precision.F32, probe, listener::notice)
                        : List.of(DeviceSelector.open(spec, Precision.F32, probe, listener::notice, false));
                imageBackends = opened.stream().map(decorator).toList();
            } catch (DeviceUnavailableException | OpenClException e) {
                throw new EngineException(e.getMessage(), e);
            }
        }
        return imageBackends;
    }

    /** Closes every device the engine opened, releasing their native resources. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        backends.values().forEach(list -> list.forEach(Backend::close));
        backends.clear();
        if (imageBackends != null) {
            imageBackends.forEach(Backend::close);
        }
    }
}
