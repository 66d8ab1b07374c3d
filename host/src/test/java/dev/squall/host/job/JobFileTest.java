package dev.squall.host.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.host.device.DeviceSpec;
import dev.squall.kernels.Precision;
import dev.squall.kernels.mandelbrot.MandelbrotParams;
import dev.squall.kernels.mandelbrot.View;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobFileTest {
    @TempDir
    Path dir;

    private Job read(String json) throws IOException, JobFileException {
        Path file = dir.resolve("job.json");
        Files.writeString(file, json);
        return JobFile.read(file);
    }

    @Test
    void framesJobWithEveryFieldGivesOneParameterRecordPerView() throws Exception {
        Job job = read("""
            { "kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 200, "precision": "f32", "device": "cpu",
              "frames": [ {"view": [-2.5, 1.0, -1.0, 1.0]}, {"view": [-0.75, -0.74, 0.10, 0.11]} ],
              "output": { "dir": "out/frames", "format": "npy" } }
            """);
        assertEquals(List.of(
                new MandelbrotParams(64, 48, new View(-2.5, 1.0, -1.0, 1.0), 200, Precision.F32),
                new MandelbrotParams(64, 48, new View(-0.75, -0.74, 0.10, 0.11), 200, Precision.F32)), job.frames());
        assertInstanceOf(DeviceSpec.Cpu.class, job.device());
        assertEquals(dir.resolve("out/frames"), job.dir(), "relative to the job file's folder");
        assertEquals(FrameFormat.NPY, job.format());
        assertEquals("frame-00001.npy", job.fileName(1));
        assertFalse(Files.exists(dir.resolve("out")), "reading makes no folder");
    }

    @Test
    void theReadmesExampleJobsAreValid() throws Exception {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        Job zoom = JobFile.read(examples.resolve("zoom.json"));
        assertEquals(60, zoom.frames().size());
        assertEquals(examples.resolve("zoom-frames"), zoom.dir());
        Job views = JobFile.read(examples.resolve("views.json"));
        assertEquals(new MandelbrotParams(640, 480, new View(-0.75, -0.74, 0.10, 0.11), 3000, Precision.F64),
                views.frames().get(1));
    }

    @Test
    void optionalFieldsDefaultToF64AutoAndAThousandIterations() throws Exception {
        Job job = read("""
            {"kernel": "mandelbrot", "width": 3, "height": 2, "frames": [{"view": [-2, 1, -1, 1]}],
             "output": {"dir": "/tmp/abs", "format": "counts"}}""");
        assertEquals(new MandelbrotParams(3, 2, new View(-2, 1, -1, 1), 1000, Precision.F64), job.first());
        assertInstanceOf(DeviceSpec.Auto.class, job.device());
        assertEquals(Path.of("/tmp/abs"), job.dir());
        assertEquals("frame-00000.u32", job.fileName(0));
    }

    @Test
    void zoomViewsAreCentredGeometricAndAsTallAsTheImageAspect() throws Exception {
        Job job = read("""
            {"kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 100,
             "zoom": {"center": [-0.743643887037151, 0.13182590420533], "start_width": 3.0, "end_width": 0.003,
                      "frames": 4},
             "output": {"dir": "z", "format": "png"}}""");
        assertEquals(4, job.frames().size());
        double cx = -0.743643887037151;
        double cy = 0.13182590420533;
        for (int i = 0; i < 4; i++) {
            double w = 3.0 * Math.pow(0.003 / 3.0, i / 3.0);
            double h = w * 48 / 64;
            assertEquals(new View(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2), ((MandelbrotParams) job.frames().get(i)).view(),
                    "frame " + i);
        }
        assertEquals(3.0, ((MandelbrotParams) job.frames().get(0)).view().xMax() - ((MandelbrotParams) job.frames().get(0)).view().xMin(), 1e-15);
        assertEquals(0.003, ((MandelbrotParams) job.frames().get(3)).view().xMax() - ((MandelbrotParams) job.frames().get(3)).view().xMin(), 1e-15);
        assertEquals(10, (((MandelbrotParams) job.frames().get(0)).view().xMax() - ((MandelbrotParams) job.frames().get(0)).view().xMin())
                / (((MandelbrotParams) job.frames().get(1)).view().xMax() - ((MandelbrotParams) job.frames().get(1)).view().xMin()), 1e-12,
                "a constant factor per frame: 1000 over three steps");
    }

    @Test
    void aOneFrameZoomIsTheStartWidth() {
        Zoom zoom = new Zoom(0, 0, 2.0, 1e-9, 1);
        assertEquals(List.of(new View(-1.0, 1.0, -0.5, 0.5)), zoom.views(4, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', textBlock = """
        unknown key          # colour=1                                           # colour: unknown key (allowed: kernel, c, power, width, height, max_iter, precision, device, frames, zoom, output)
        unknown frame key    # frames=[{"view": [-2, 1, -1, 1]}, {"veiw": [1, 2, 3, 4]}] # frames[1].veiw: unknown key (allowed: view, center, zoom)
        unknown output key   # output={"dir": "o", "format": "png", "level": 9}   # output.level: unknown key (allowed: dir, format)
        width as a string    # width="64"                                         # width: must be a positive integer, got "64"
        width fractional     # width=64.5                                         # width: must be a positive integer, got 64.5
        width 64.0 as written # width=64.0                                        # width: must be a positive integer, got 64.0
        width zero           # width=0                                            # width: must be a positive integer, got 0
        width too large      # width=3000000000                                   # width: must be a positive integer, got 3000000000
        width missing        # width=                                             # width: missing, must be a positive integer
        height negative      # height=-2                                          # height: must be a positive integer, got -2
        max_iter zero        # max_iter=0                                         # max_iter: must be at least 1, got 0
        max_iter a string    # max_iter="many"                                    # max_iter: must be an integer of at least 1, got "many"
        kernel other         # kernel="newton"                                    # kernel: must be one of mandelbrot, julia, burning-ship, tricorn, multibrot, got "newton"
        kernel a number      # kernel=7                                           # kernel: must be one of mandelbrot, julia, burning-ship, tricorn, multibrot, got 7
        kernel missing       # kernel=                                            # kernel: missing, must be one of mandelbrot, julia, burning-ship, tricorn, multibrot
        julia without c      # kernel="julia"                                     # c: missing, must be 2 finite numbers [CR, CI] (julia's constant)
        julia c of one       # kernel="julia"; c=[0.3]                            # c: must be 2 finite numbers [CR, CI] (julia's constant), got [0.3]
        julia c infinite     # kernel="julia"; c=[0.3, 1e999]                     # c: must be 2 finite numbers [CR, CI] (julia's constant), got [0.3,1E+999]
        c for mandelbrot     # c=[0.3, 0.1]                                       # c: only julia takes a constant, and kernel is "mandelbrot"
        multibrot no power   # kernel="multibrot"                                 # power: missing, must be an integer from 2 to 16 (multibrot's power)
        multibrot power 17   # kernel="multibrot"; power=17                       # power: must be an integer from 2 to 16 (multibrot's power), got 17
        multibrot power 1    # kernel="multibrot"; power=1                        # power: must be an integer from 2 to 16 (multibrot's power), got 1
        multibrot power 2.5  # kernel="multibrot"; power=2.5                      # power: must be an integer from 2 to 16 (multibrot's power), got 2.5
        power for tricorn    # kernel="tricorn"; power=3                          # power: only multibrot takes a power, and kernel is "tricorn"
        precision            # precision="f16"                                    # precision: must be one of f64, f32, got "f16"
        device               # device="gpu"                                       # device: must be auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall devices), got "gpu"
        view of three        # frames=[{"view": [-2, 1, -1, 1]}, {"view": [1, 2, 3]}] # frames[1].view: must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got [1,2,3]
        view without extent  # frames=[{"view": [1, 1, 0, 1]}]                    # frames[0].view: must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got [1,1,0,1]
        view with a string   # frames=[{"view": [1, 2, "NaN", 4]}]                # frames[0].view: must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got [1,2,"NaN",4]
        view infinite        # frames=[{"view": [1, 2e999, 0, 4]}]                # frames[0].view: must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got [1,2E+999,0,4]
        view missing         # frames=[{}]                                        # frames[0].view: missing, must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent
        view null            # frames=[{"view": null}]                            # frames[0].view: missing, must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent
        frame not an object  # frames=[1]                                         # frames[0]: must be an object {"view": [XMIN, XMAX, YMIN, YMAX]} or {"center": ["RE", "IM"], "zoom": "Z"}, got 1
        no frames            # frames=[]                                          # frames: must be a non-empty array of frames, each an object {"view": [XMIN, XMAX, YMIN, YMAX]} or {"center": ["RE", "IM"], "zoom": "Z"}, got []
        frames an object     # frames={"view": [1, 2, 3, 4]}                      # frames: must be a non-empty array of frames, each an object {"view": [XMIN, XMAX, YMIN, YMAX]} or {"center": ["RE", "IM"], "zoom": "Z"}, got {"view":[1,2,3,4]}
        neither frames nor zoom # frames=                                         # frames or zoom: missing, must be a non-empty array of frames, each an object {"view": [XMIN, XMAX, YMIN, YMAX]} or {"center": ["RE", "IM"], "zoom": "Z"}, or an object {"center": [X, Y], "start_width": W0, "end_width": W1, "frames": N} or, for a deep zoom, {"center": ["RE", "IM"], "start": "Z0", "end": "Z1", "frames": N}
        both frames and zoom # zoom={"center": [0, 0], "start_width": 1, "end_width": 0.5, "frames": 2} # frames, zoom: give one of them, not both
        zoom center          # frames=; zoom={"center": [0], "start_width": 1, "end_width": 0.5, "frames": 2} # zoom.center: must be 2 finite numbers [X, Y], got [0]
        zoom width zero      # frames=; zoom={"center": [0, 0], "start_width": 0, "end_width": 0.5, "frames": 2} # zoom.start_width: must be a finite number above 0, got 0
        zoom frames missing  # frames=; zoom={"center": [0, 0], "start_width": 1, "end_width": 0.5} # zoom.frames: missing, must be a positive integer
        zoom unknown key     # frames=; zoom={"centre": [0, 0]}                   # zoom.centre: unknown key (allowed: center, start_width, end_width, frames, start, end)
        zoom too deep        # frames=; zoom={"center": [1, 0], "start_width": 1, "end_width": 1e-300, "frames": 2} # zoom: frame 1's view must be 4 finite numbers XMIN,XMAX,YMIN,YMAX with nonzero extent, got "1.0,1.0,-3.75E-301,3.75E-301"
        output missing       # output=                                            # output: missing, must be an object {"dir": FOLDER, "format": png|counts|npy}
        format               # output={"dir": "o", "format": "tiff"}              # output.format: must be one of png, counts, npy, got "tiff"
        format missing       # output={"dir": "o"}                                # output.format: missing, must be one of png, counts, npy
        dir empty            # output={"dir": " ", "format": "png"}               # output.dir: must be a folder name (relative to the job file's folder), got " "
        dir is a file        # output={"dir": "job.json", "format": "png"}        # output.dir: %d/job.json is not a folder
        """)
    void aMistakeIsNamedByItsPathWithWhatIsAllowed(String name, String change, String message) throws IOException {
        String json = job(change);
        var e = assertThrows(JobFileException.class, () -> read(json), json);
        assertEquals(message.replace("%d", dir.toString()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', quoteCharacter = '`', textBlock = """
        trailing comma       # `{"kernel": "mandelbrot",\n "width": 64,}`           # line 2, column 14: malformed JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name
        NaN                  # `{"kernel": "mandelbrot",\n\n  "width": NaN}`        # line 3, column 15: malformed JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
        unclosed             # `{"kernel": "mandelbrot"`                             # line 1, column 24: malformed JSON: Unexpected end-of-input: expected close marker for Object (opened at line 1, column 1)
        duplicate key        # `{"width": 1,\n "width": 2}`                         # line 2, column 9: malformed JSON: Duplicate field 'width'
        trailing content     # `{"width": 1} {"width": 2}`                           # line 1, column 14: malformed JSON: more after the job's object
        an array             # `[1, 2]`                                              # must be a JSON object with kernel, width, height, frames or zoom, and output, got [1,2]
        empty                # `  `                                                  # empty, must be a JSON object with kernel, width, height, frames or zoom, and output
        null                 # `null`                                                # must be a JSON object with kernel, width, height, frames or zoom, and output, got null
        a number             # `42`                                                  # must be a JSON object with kernel, width, height, frames or zoom, and output, got 42
        """)
    void malformedJsonIsNamedByLineAndColumn(String name, String json, String message) {
        var e = assertThrows(JobFileException.class, () -> read(json.replace("\\n", "\n")), json);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aMissingFileCannotBeRead() {
        var e = assertThrows(JobFileException.class, () -> JobFile.read(dir.resolve("none.json")));
        assertEquals("cannot read: no such file", e.getMessage());
    }

    /** A valid job's entries, in order; {@code KEY=JSON; ...} replaces or adds entries, {@code KEY=} removes one. */
    private static String job(String change) {
        var entries = new java.util.LinkedHashMap<String, String>();
        entries.put("kernel", "\"mandelbrot\"");
        entries.put("width", "64");
        entries.put("height", "48");
        entries.put("max_iter", "100");
        entries.put("device", "\"cpu\"");
        entries.put("frames", "[{\"view\": [-2.5, 1, -1, 1]}]");
        entries.put("output", "{\"dir\": \"out\", \"format\": \"counts\"}");
        for (String entry : change.split(";")) {
            String[] kv = entry.split("=", 2);
            if (kv[1].isBlank()) {
                entries.remove(kv[0].strip());
            } else {
                entries.put(kv[0].strip(), kv[1].strip());
            }
        }
        StringBuilder json = new StringBuilder("{");
        entries.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return json.append('}').toString();
    }
}
