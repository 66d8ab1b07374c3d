package dev.squall.host.job;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.squall.host.buffer.HostMemory;
import dev.squall.host.device.DeviceSpec;
import dev.squall.kernels.EscapeTime;
import dev.squall.kernels.InvalidParameterException;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepView;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.Formula;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a job file (JSON) into a {@link Job}, or says what is wrong with it: every check happens here, before any
 * folder is made or any pixel computed. Messages name the value by its path in the JSON and say what is allowed, as
 * {@code frames[1].view: must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got [1,2,3]}.
 * <pre>
 * { "kernel": "mandelbrot", "width": 640, "height": 480, "max_iter": 3000, "precision": "f64", "device": "auto",
 *   "frames": [ {"view": [-2.5, 1.0, -1.0, 1.0]} ],           (or)
 *   "zoom": {"center": [x, y], "start_width": w0, "end_width": w1, "frames": n},
 *   "output": { "dir": "frames", "format": "png|counts|npy" } }
 * </pre>
 */
public final class JobFile {
    public static final String KERNEL = "mandelbrot";
    /** The kernels a job file may name: the escape-time formulas. */
    static final String KERNELS = String.join(", ", Formula.names());
    public static final int DEFAULT_MAX_ITER = 1000;

    /** Strict on purpose: a typo or a quoted number is a mistake to report, not a value to guess. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers kept as written, so that a message quotes 2e999 as 2E+999, not as the Infinity it becomes.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // ... and as written to the digit: 64.0 stays 64.0, not the 64 that would read as a valid width.
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final String VIEW = "an object {\"view\": [XMIN, XMAX, YMIN, YMAX]}";
    private static final String DEEP = "{\"center\": [\"RE\", \"IM\"], \"zoom\": \"Z\"}";

    /** What each value allows, by its path with any index as {@code []}: said in every message about it. */
    private static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("", "a JSON object with kernel, width, height, frames or zoom, and output"),
            Map.entry("kernel", "one of " + KERNELS),
            Map.entry("c", "2 finite numbers [CR, CI] (julia's constant)"),
            Map.entry("power", Formula.Multibrot.ALLOWED + " (multibrot's power)"),
            Map.entry("width", "a positive integer"),
            Map.entry("height", "a positive integer"),
            Map.entry("max_iter", "an integer of at least 1"),
            Map.entry("precision", "one of " + Precision.labels()),
            Map.entry("device", DeviceSpec.ALLOWED),
            Map.entry("frames", "a non-empty array of frames, each " + VIEW + " or " + DEEP),
            Map.entry("frames[]", VIEW + " or " + DEEP),
            Map.entry("frames[].view", View.ALLOWED),
            Map.entry("frames[].center", "2 decimal numbers [\"RE\", \"IM\"] (strings keep every digit)"),
            Map.entry("frames[].zoom", "a positive decimal number (a string such as \"1e300\")"),
            Map.entry("zoom", "an object {\"center\": [X, Y], \"start_width\": W0, \"end_width\": W1, \"frames\": N}"
                    + " or, for a deep zoom, {\"center\": [\"RE\", \"IM\"], \"start\": \"Z0\", \"end\": \"Z1\", \"frames\": N}"),
            Map.entry("zoom.start", "a positive decimal number (a string such as \"1\")"),
            Map.entry("zoom.end", "a positive decimal number (a string such as \"1e300\")"),
            Map.entry("zoom.center", Zoom.CENTER_ALLOWED),
            Map.entry("zoom.start_width", Zoom.WIDTH_ALLOWED),
            Map.entry("zoom.end_width", Zoom.WIDTH_ALLOWED),
            Map.entry("zoom.frames", Zoom.FRAMES_ALLOWED),
            Map.entry("output", "an object {\"dir\": FOLDER, \"format\": " + FrameFormat.labels().replace(", ", "|") + "}"),
            Map.entry("output.dir", "a folder name (relative to the job file's folder)"),
            Map.entry("output.format", "one of " + FrameFormat.labels()));

    /** The parameter names of the kernel's records, as their messages spell them, and the job file's keys. */
    private static final Map<String, String> KEYS = Map.of("width", "width", "height", "height", "max-iter", "max_iter");

    /** Longest value quoted back in a message. */
    private static final int SHOWN = 80;

    private record Document(String kernel, JsonNode c, JsonNode power, Integer width, Integer height,
            Integer maxIter, String precision, String device, List<FrameDocument> frames, ZoomDocument zoom,
            OutputDocument output) {
    }

    private record FrameDocument(JsonNode view, JsonNode center, JsonNode zoom) {
    }

    private record ZoomDocument(JsonNode center, Double startWidth, Double endWidth, Integer frames, JsonNode start,
            JsonNode end) {
    }

    private record OutputDocument(String dir, String format) {
    }

    private final Path file;
    private final JsonNode tree;

    private JobFile(Path file, JsonNode tree) {
        this.file = file;
        this.tree = tree;
    }

    /** Reads and checks {@code file}; the output folder is resolved against the file's own folder. */
    public static Job read(Path file) throws JobFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JobFileException("cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw new JobFileException("cannot read: permission denied");
        } catch (IOException e) {
            throw new JobFileException("cannot read: " + (e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : e.toString()));
        }
        return read(file, bytes);
    }

    /**
     * Checks {@code bytes}, the content of job file {@code file} read elsewhere (a cluster's driver ships it to its
     * tasks); the output folder is resolved against {@code file}'s folder, which need not hold the file here.
     */
    public static Job read(Path file, byte[] bytes) throws JobFileException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new JobFileException("empty, must be " + ALLOWED.get(""));
        }
        if (!tree.isObject()) {
            throw new JobFileException("must be " + ALLOWED.get("") + ", got " + shown(tree));
        }
        JobFile reader = new JobFile(file, tree);
        Document document;
        try {
            document = MAPPER.treeToValue(tree, Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw new JobFileException(path(e) + ": unknown key (allowed: " + String.join(", ", keys(e)) + ")");
        } catch (JsonMappingException e) {
            throw reader.invalid(path(e));
        } catch (IOException e) {
            throw new JobFileException(e.getMessage());
        }
        return reader.job(document);
    }

    private Job job(Document d) throws JobFileException {
        Formula formula = formula(d);
        int width = required(d.width(), JsonPath.ROOT.key("width"));
        int height = required(d.height(), JsonPath.ROOT.key("height"));
        int maxIter = d.maxIter() != null ? d.maxIter() : DEFAULT_MAX_ITER;
        Precision precision;
        DeviceSpec device;
        try {
            precision = d.precision() != null ? Precision.parse(d.precision()) : Precision.F64;
        } catch (InvalidParameterException e) {
            throw invalid(JsonPath.ROOT.key("precision"));
        }
        try {
            device = d.device() != null ? DeviceSpec.parse(d.device()) : new DeviceSpec.Auto();
        } catch (InvalidParameterException e) {
            throw invalid(JsonPath.ROOT.key("device"));
        }
        List<EscapeTime> frames = new ArrayList<>();
        for (Object view : views(d, width, height, maxIter, precision)) {
            if (view instanceof View v) {
                frames.add(new MandelbrotParams(width, height, v, maxIter, precision, formula));
            } else {
                if (!(formula instanceof Formula.Mandelbrot)) {
                    throw new JobFileException("kernel: a deep zoom (center and zoom) is the Mandelbrot set's, and"
                            + " kernel is \"" + formula.name() + "\"");
                }
                if (d.precision() != null) {
                    throw new JobFileException("precision: a deep zoom (center and zoom) chooses its own arithmetic"
                            + " for each frame, every count exact; leave precision out");
                }
                frames.add(new DeepParams(width, height, maxIter, (DeepView) view));
            }
        }
        JsonPath output = JsonPath.ROOT.key("output");
        OutputDocument out = required(d.output(), output);
        String dir = required(out.dir(), output.key("dir"));
        FrameFormat format = FrameFormat.parse(required(out.format(), output.key("format")))
                .orElseThrow(() -> invalid(output.key("format")));
        return new Job(frames, device, folder(dir, output.key("dir")), format);
    }

    /**
     * The formula {@code kernel} names, with what it takes: {@code c} for julia (and for no other), {@code power}
     * for multibrot (and for no other).
     */
    private Formula formula(Document d) throws JobFileException {
        JsonPath kernelAt = JsonPath.ROOT.key("kernel");
        String kernel = required(d.kernel(), kernelAt);
        if (!Formula.names().contains(kernel)) {
            throw invalid(kernelAt);
        }
        JsonPath cAt = JsonPath.ROOT.key("c");
        JsonPath powerAt = JsonPath.ROOT.key("power");
        if (d.c() != null && !kernel.equals("julia")) {
            throw new JobFileException("c: only julia takes a constant, and kernel is \"" + kernel + "\"");
        }
        if (d.power() != null && !kernel.equals("multibrot")) {
            throw new JobFileException("power: only multibrot takes a power, and kernel is \"" + kernel + "\"");
        }
        return switch (kernel) {
            case "julia" -> {
                double[] c = numbers(required(d.c(), cAt), 2, cAt);
                try {
                    yield new Formula.Julia(c[0], c[1]);
                } catch (InvalidParameterException e) {
                    throw invalid(cAt);
                }
            }
            case "multibrot" -> {
                JsonNode power = required(d.power(), powerAt);
                if (!power.isInt()) {
                    throw invalid(powerAt);
                }
                try {
                    yield new Formula.Multibrot(power.intValue());
                } catch (InvalidParameterException e) {
                    throw invalid(powerAt);
                }
            }
            case "burning-ship" -> new Formula.BurningShip();
            case "tricorn" -> new Formula.Tricorn();
            default -> Formula.MANDELBROT;
        };
    }

    /** The frames' views, from {@code frames} or {@code zoom}; width, height and iterations checked first. */
    private List<Object> views(Document d, int width, int height, int maxIter, Precision precision)
            throws JobFileException {
        try {
            new MandelbrotParams(width, height, new View(0, 1, 0, 1), maxIter, precision);
        } catch (InvalidParameterException e) {
            throw invalid(JsonPath.ROOT.key(KEYS.getOrDefault(e.parameter(), e.parameter())), e.allowed());
        }
        JsonPath framesAt = JsonPath.ROOT.key("frames");
        JsonPath zoomAt = JsonPath.ROOT.key("zoom");
        if (d.frames() != null && d.zoom() != null) {
            throw new JobFileException("frames, zoom: give one of them, not both");
        }
        if (d.frames() == null && d.zoom() == null) {
            throw new JobFileException("frames or zoom: missing, must be " + ALLOWED.get("frames") + ", or "
                    + ALLOWED.get("zoom"));
        }
        if (d.zoom() != null) {
            if (d.zoom().start() != null || d.zoom().end() != null) {
                return deepZoom(d.zoom(), zoomAt, height);
            }
            Zoom zoom = zoom(d.zoom(), zoomAt);
            checkFrames(zoom.frames(), zoomAt.key("frames"));
            return new ArrayList<>(zoomViews(zoom, width, height));
        }
        if (d.frames().isEmpty()) {
            throw invalid(framesAt);
        }
        List<Object> views = new ArrayList<>(d.frames().size());
        for (int i = 0; i < d.frames().size(); i++) {
            JsonPath frameAt = framesAt.index(i);
            FrameDocument frame = d.frames().get(i);
            if (frame == null) {
                throw invalid(frameAt);
            }
            if (frame.center() != null || frame.zoom() != null) {
                if (frame.view() != null) {
                    throw new JobFileException(frameAt + ": give view, or center and zoom, not both");
                }
                views.add(deepView(frame.center(), frameAt.key("center"), frame.zoom(), frameAt.key("zoom")));
                continue;
            }
            JsonPath viewAt = frameAt.key("view");
            double[] v = numbers(required(frame.view(), viewAt), 4, viewAt);
            try {
                views.add(new View(v[0], v[1], v[2], v[3]));
            } catch (InvalidParameterException e) {
                throw invalid(viewAt);
            }
        }
        return views;
    }

    /** A deep zoom's view: the centre's two decimals and the zoom, as strings (every digit) or JSON numbers. */
    private DeepView deepView(JsonNode center, JsonPath centerAt, JsonNode zoom, JsonPath zoomAt)
            throws JobFileException {
        JsonNode c = required(center, centerAt);
        if (!c.isArray() || c.size() != 2 || !decimal(c.get(0)) || !decimal(c.get(1))) {
            throw invalid(centerAt);
        }
        JsonNode z = required(zoom, zoomAt);
        if (!decimal(z)) {
            throw invalid(zoomAt);
        }
        try {
            return DeepView.parse(c.get(0).asText(), c.get(1).asText(), z.asText());
        } catch (InvalidParameterException e) {
            throw invalid(e.parameter().equals("zoom") ? zoomAt : centerAt);
        }
    }

    private static boolean decimal(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber());
    }

    /**
     * A deep zoom sequence: {@code frames} zooms from {@code start} to {@code end}, evenly spaced in log scale (frame
     * i's zoom is {@code start (end / start)^(i / (frames - 1))}, to 17 significant digits, the same on every run),
     * all at one centre.
     */
    private List<Object> deepZoom(ZoomDocument z, JsonPath at, int height) throws JobFileException {
        if (z.startWidth() != null || z.endWidth() != null) {
            throw new JobFileException(at + ": start and end (deep zoom) or start_width and end_width, not both");
        }
        JsonPath framesAt = at.key("frames");
        int frames = required(z.frames(), framesAt);
        if (frames < 1) {
            throw invalid(framesAt);
        }
        checkFrames(frames, framesAt);
        DeepView first = deepView(z.center(), at.key("center"), z.start(), at.key("start"));
        DeepView last = deepView(z.center(), at.key("center"), z.end(), at.key("end"));
        double from = log10(first.zoom());
        double to = log10(last.zoom());
        List<Object> views = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            double log = frames == 1 ? from : from + (to - from) * i / (frames - 1);
            BigDecimal zoom = i == 0 ? first.zoom() : i == frames - 1 ? last.zoom() : power10(log);
            views.add(new DeepView(first.re(), first.im(), zoom));
        }
        return views;
    }

    /** {@code log10(x)} of a positive decimal of any size, to about 16 digits. */
    private static double log10(BigDecimal x) {
        int exponent = x.precision() - x.scale() - 1;
        return exponent + Math.log10(x.scaleByPowerOfTen(-exponent).doubleValue());
    }

    /** {@code 10^log} as a decimal of 17 significant digits, however large or small. */
    private static BigDecimal power10(double log) {
        double whole = Math.floor(log);
        BigDecimal mantissa = new BigDecimal(Math.pow(10, log - whole)).round(new java.math.MathContext(17));
        return mantissa.scaleByPowerOfTen((int) whole);
    }

    private Zoom zoom(ZoomDocument z, JsonPath at) throws JobFileException {
        JsonPath centerAt = at.key("center");
        double[] center = numbers(required(z.center(), centerAt), 2, centerAt);
        double startWidth = required(z.startWidth(), at.key("start_width"));
        double endWidth = required(z.endWidth(), at.key("end_width"));
        int frames = required(z.frames(), at.key("frames"));
        Zoom zoom;
        try {
            zoom = new Zoom(center[0], center[1], startWidth, endWidth, frames);
        } catch (InvalidParameterException e) {
            throw invalid(at.key(e.parameter()), e.allowed());
        }
        return zoom;
    }

    /**
     * Refuses, before any is made, more frames than this JVM can keep records of (each frame's parameters, its
     * manifest entry, its place in the plan): a zoom of a billion frames is a typo or a job to split, and would
     * otherwise run out of memory after minutes of work.
     */
    private void checkFrames(int frames, JsonPath at) throws JobFileException {
        long need = (long) frames * BYTES_PER_FRAME;
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap / 2) {
            throw new JobFileException(at + ": " + frames + " frames need about " + HostMemory.size(need)
                    + " of Java heap for their records, more than half of this JVM's " + HostMemory.size(heap)
                    + " (split the job into several, or raise -Xmx, e.g. SQUALL_JAVA_OPTS=-Xmx8g)");
        }
    }

    /**
     * Heap a frame's records take at most: its parameter record and view, its manifest entry (record, parameters,
     * strings), its place in the plan, and its share of the job's digest while that is computed. Measured: 540
     * bytes a frame held, for zooms of 100,000 and 400,000 frames, plus the digest's JSON while it is computed
     * (about 170 bytes a frame); rounded up.
     */
    static final int BYTES_PER_FRAME = 1024;

    /** Views of a zoom that cannot exist are reported at {@code zoom}, naming the frame. */
    private static List<View> zoomViews(Zoom zoom, int width, int height) throws JobFileException {
        try {
            return zoom.views(width, height);
        } catch (InvalidParameterException e) {
            throw new JobFileException("zoom: " + e.getMessage());
        }
    }

    /** An array of exactly {@code count} JSON numbers (finite or not: the record that takes them decides). */
    private double[] numbers(JsonNode node, int count, JsonPath at) throws JobFileException {
        if (!node.isArray() || node.size() != count) {
            throw invalid(at);
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            if (!node.get(i).isNumber()) {
                throw invalid(at);
            }
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    /**
     * The output folder, against the job file's folder. It may not exist yet, but must be creatable: an existing file
     * in its place, or a folder that cannot be written, is reported here rather than after the job has started.
     */
    private Path folder(String text, JsonPath at) throws JobFileException {
        if (text.isBlank()) {
            throw invalid(at);
        }
        Path dir;
        try {
            dir = file.toAbsolutePath().getParent().resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw invalid(at);
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new JobFileException(at + ": " + (existing == null ? dir : existing) + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new JobFileException(at + ": " + existing + " is not writable");
        }
        return dir;
    }

    private <T> T required(T value, JsonPath at) throws JobFileException {
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw new JobFileException(at + ": missing, must be " + allowed(at));
        }
        return value;
    }

    private JobFileException invalid(JsonPath at) {
        return invalid(at, allowed(at));
    }

    /** {@code PATH: must be ALLOWED, got VALUE}, the value quoted from the file as JSON. */
    private JobFileException invalid(JsonPath at, String allowed) {
        return new JobFileException((at.isRoot() ? "" : at + ": ") + "must be " + allowed + ", got "
                + shown(tree.at(at.pointer())));
    }

    /** A value as the file has it, in JSON, cut to {@link #SHOWN} characters. */
    private static String shown(JsonNode value) {
        String shown = value.isMissingNode() ? "nothing" : value.toString();
        return shown.length() > SHOWN ? shown.substring(0, SHOWN - 3) + "..." : shown;
    }

    private static String allowed(JsonPath at) {
        return ALLOWED.getOrDefault(at.pattern(), "another value");
    }

    /** The keys an object takes, in the order the record declares them (Jackson's own order is a hash set's). */
    private static List<String> keys(UnrecognizedPropertyException e) {
        Class<?> type = e.getReferringClass();
        if (type != null && type.isRecord()) {
            var naming = new PropertyNamingStrategies.SnakeCaseStrategy();
            return Arrays.stream(type.getRecordComponents()).map(c -> naming.translate(c.getName())).toList();
        }
        return e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    }

    private static JsonPath path(JsonMappingException e) {
        JsonPath at = JsonPath.ROOT;
        for (JsonMappingException.Reference step : e.getPath()) {
            at = step.getFieldName() != null ? at.key(step.getFieldName()) : at.index(step.getIndex());
        }
        return at;
    }

    /** Malformed JSON: where (line and column) and what the parser expected there. */
    private static JobFileException malformed(IOException e) {
        if (e instanceof JacksonException j) {
            JsonLocation where = j.getLocation();
            if (e instanceof MismatchedInputException && j.getOriginalMessage().startsWith("Trailing token")) {
                return new JobFileException(at(where) + "malformed JSON: more after the job's object");
            }
            String what = j.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceAll(" \\(start marker at \\[Source: [^\\]]*; line: (\\d+), column: (\\d+)\\]\\)",
                            " (opened at line $1, column $2)");
            return new JobFileException(at(where) + "malformed JSON: " + what);
        }
        return new JobFileException("malformed JSON: " + e.getMessage());
    }

    private static String at(JsonLocation where) {
        return where != null && where.getLineNr() > 0
                ? "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " : "";
    }
}
