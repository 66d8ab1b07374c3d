package dev.squall.host.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.host.KernelRefusedException;
import dev.squall.host.Schedule;
import dev.squall.host.tiling.Band;
import dev.squall.kernels.Precision;
import dev.squall.kernels.deep.DeepKernel;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import dev.squall.kernels.deep.DeepView;
import dev.squall.testing.OpenClTestDevice;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The device's first tier ({@code deep.cl}) against the Java one ({@link DeepRender.Prepared#firstTier}): the same
 * count for every pixel, the same pixels left uncertain, and the same work (rebases, jumps, steps), in plain and
 * extended arithmetic, with and without jumps, in the fast mode, and in bands and launches of odd sizes. The final
 * counts are then exact on the device because they are the Java reference's.
 */
class OpenClDeepZoomTest {
    static final String RE_14 = "-1.759817130804847813610825010561798238243999999999999999999800";
    static final String IM_14 = "-0.012593310799749865383746631843264858450340000000000000000000";
    static final String RE_113 = "-1.47981577613247326072298452597877854692240725774045369689878510139864920741002293820"
            + "250517329282011227363313053159203914640783415609608168660705123082446357179491909705403381200";
    static final String IM_113 = "-0.00063911193261361727152139632255671572957303918943984736047394936471220951961813321"
            + "928573067036466151147195436388486168819318341208023229522609015461543581599807510715681229605";
    /**
     * Kalles Fraktaler's benchmark location 1e1086 (its {@code benchmarks/1e1086.kfr}): its reference passes below
     * double's range near 0 (about 2^-1545, from step 179301) with the pixels' deltas as small. Not in shared/.
     */
    static final String RE_1086 = "-1.7686104930146770745031756532702265202396779075886654948376772575753046409788084752746357073624640"
            + "4425301437028994853855250887746473641587305295842286193277467016599420164341993480750029005617990639"
            + "2909880374230601661671965436663874506006355684166693059189687544326482526337453326360163639772818993"
            + "7530217406329378401153809577664250929407204399119208123978804432412746162125263808715558465325021564"
            + "3989202635283161958776833676818634586756525188910362226786622305536687275738532248555360630298401169"
            + "5749730200727740242949661790906981449438923948817795927101980894917081591610562406554244675206099799"
            + "5221864464278843147736269933479298102777908882020190358459738806378323352943682229579313547358789699"
            + "3853430307403223761839718732843671539175803968066787146178815179341228689456587323761046757217410562"
            + "9653438005433391873958639508124883860426968801537270756998560434335574379853659221182422319763412022"
            + "5305454216647656035003982094445369084321368686489071889392389688538416597466867176175418284171731994"
            + "4833677344764556110287323038863225431733456617037931471858961091007907943617513414894565055341099999"
            + "99999";
    static final String IM_1086 = "0.00126661350386871770206641119224260157619394056047140981718501017176252479258890361669150134602850"
            + "2452530417599269384116816237002586460261272462170615382790262110756215389780859682964779212455295242"
            + "6504887990247010233539845764348594963453934428675447843495097999669968273745257295838226275648322078"
            + "6023500049185603927897520325354011919566118253210644019405035251082520742819767516847946025215420876"
            + "2204074041030502712772770772439567249008997886131809082319952112293668096363959700371035596685905429"
            + "2482211530898432018909856519761519899284969690240278108745744348572101749142273911252179327251882147"
            + "9645732798177102654461319403373696054235486191087970448956499993747345619104993798446197150813220431"
            + "9961501958583967780282332682705656745932852354591955251196335374396883193221988201865629549575259395"
            + "0902384635225578336597587391380436961671122577846496007438079444573885126394754174661131119282740120"
            + "5604943434935861895336143812775891899957812095304536559635899748009107254892942695108317959972213217"
            + "9281125708039705266879359303320165515458347343055671220673027817611220892213570374041225632345999999"
            + "999999";
    /**
     * That location cut to 345 characters and seen at 1e330: beyond double's exponent range, with structure
     * (rebases, jumps and 67 distinct counts at 20 x 14, N = 60000).
     */
    static final String RE_330 = RE_1086.substring(0, 345);
    static final String IM_330 = IM_1086.substring(0, 345);

    @ParameterizedTest(name = "{0} {1}x{2} N={3} {5} rows {6}+{7} fast={8}")
    @CsvSource(delimiter = '|', textBlock = """
        14   | 32 | 32 | 4036  | 1.00E14 | AUTO     | 0  | 32 | false
        113  | 48 | 40 | 35494 | 5.00E113 | AUTO     | 0  | 40 | false
        113  | 33 | 17 | 35494 | 5.00E113 | AUTO     | 5  | 9  | false
        113  | 40 | 40 | 35494 | 5.00E113 | EXTENDED | 0  | 40 | false
        113  | 24 | 24 | 35494 | 5.00E113 | AUTO     | 0  | 24 | true
        330  | 20 | 14 | 60000 | 1E330    | AUTO     | 0  | 14 | false
        1086 | 8  | 8  | 600100 | 1E1086  | AUTO     | 0  | 8  | false
        14   | 16 | 16 | 2000  | 3E6      | AUTO     | 0  | 16 | false
        """)
    void theDeviceFirstTierIsTheJavaOnePixelForPixel(String location, int width, int height, int maxIter, String zoom,
            DeepRender.Arithmetic arithmetic, int firstRow, int rows, boolean fast) {
        OpenClDevice device = OpenClTestDevice.require(Precision.F64);
        String re = switch (location) {
            case "14" -> RE_14;
            case "113" -> RE_113;
            case "1086" -> RE_1086;
            default -> RE_330;
        };
        String im = switch (location) {
            case "14" -> IM_14;
            case "113" -> IM_113;
            case "1086" -> IM_1086;
            default -> IM_330;
        };
        DeepParams params = new DeepParams(width, height, maxIter, DeepView.parse(re, im, zoom), fast);
        try (OpenClBackend backend = new OpenClBackend(device);
             OpenClDeepZoom run = new OpenClDeepZoom(backend, params, arithmetic, 3 * width + 1)) {
            DeepRender.Unsettled java = run.prepared().firstTier(firstRow, rows, 2);
            DeepRender.Unsettled cl = run.firstTier(firstRow, rows, new long[1]);
            assertArrayEquals(java.counts(), cl.counts(), "first-tier counts, uncertain ones included");
            assertEquals(java.work(), cl.work(), "rebases, jumps, skipped and single steps, unproven");
            long uncertain = Arrays.stream(cl.counts()).filter(c -> c == DeepKernel.UNCERTAIN).count();
            if (location.equals("113") && !fast && rows >= 40) {
                assertTrue(uncertain > 0, "some pixels go to the second tier at 5e113");
            }
            if (location.equals("1086")) {
                // Each tier loses the delta near 0 unless it takes those steps in extended units; then every
                // pixel but the centre is uncertain (63 of 64 before).
                assertEquals(0, uncertain, "near 0 the steps are taken in extended units");
            }
            if (fast) {
                assertEquals(0, uncertain);
                assertTrue(cl.work().unproven() > 0, "the fast mode kept some counts unproven");
            }
            assertTrue(cl.work().rebases() > 0, "rebasing ran");
            if (!location.equals("14")) {
                assertTrue(cl.work().blaJumps() > 0, "jumps were taken");
            }
            assertEquals(arithmetic == DeepRender.Arithmetic.EXTENDED || location.equals("330")
                    || location.equals("1086"),
                    run.extended(), "the program variant");
        }
    }

    /** A whole band through the run: the device's first tier, then the host's tiers: the CPU reference's counts. */
    @Test
    void aBandIsSettledOnTheHostAfterTheDevice() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F64);
        DeepParams params = new DeepParams(64, 64, 35494, DeepView.parse(RE_113, IM_113, "5.00E113"));
        try (OpenClBackend backend = new OpenClBackend(device);
             OpenClDeepZoom run = new OpenClDeepZoom(backend, params);
             Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(64 * 64 * Integer.BYTES, Integer.BYTES);
            run.run(new Band(0, 64), out);
            DeepRender.Result cpu = DeepRender.prepare(params, true, DeepRender.Arithmetic.AUTO).compute(0, 64, 2);
            assertArrayEquals(cpu.counts(), out.toArray(ValueLayout.JAVA_INT));
            assertEquals(cpu.stats().doubleDoublePixels(), run.stats().doubleDoublePixels());
            assertTrue(run.stats().doubleDoublePixels() > 0, run::report);
            assertTrue(run.report().startsWith("deep zoom: reference orbit "), run::report);
            assertTrue(run.report().contains(", pixels on " + backend.id() + " "), run::report);
        }
    }

    /** A device buffer too small for the reference data: refused before any work, the sizes named. */
    @Test
    void aDeviceTooSmallForTheReferenceRefusesByName() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F64);
        DeepParams params = new DeepParams(8, 8, 35494, DeepView.parse(RE_113, IM_113, "5.00E113"));
        try (OpenClBackend backend = new OpenClBackend(device, 1 << 16)) {
            var e = assertThrows(KernelRefusedException.class, () -> backend.prepare(params, Schedule.DEFAULT));
            assertTrue(e.getMessage().matches("device " + backend.id().replace(".", "\\.") + " does not run this deep"
                    + " zoom: its reference data needs a [0-9.]+ MiB buffer, above the device's 0\\.1 MiB"),
                    e.getMessage());
        }
    }

    /** Two runs prepared at once on one backend share its kernel: each launch sets every argument of its own. */
    @Test
    void twoRunsOnOneBackendKeepTheirOwnData() {
        OpenClDevice device = OpenClTestDevice.require(Precision.F64);
        DeepParams a = new DeepParams(16, 16, 4036, DeepView.parse(RE_14, IM_14, "1.00E14"));
        DeepParams b = new DeepParams(16, 16, 35494, DeepView.parse(RE_113, IM_113, "5.00E113"));
        try (OpenClBackend backend = new OpenClBackend(device);
             OpenClDeepZoom first = new OpenClDeepZoom(backend, a);
             OpenClDeepZoom second = new OpenClDeepZoom(backend, b)) {
            int[] expectedA = first.prepared().firstTier(0, 16, 1).counts();
            int[] expectedB = second.prepared().firstTier(0, 16, 1).counts();
            assertArrayEquals(expectedA, first.firstTier(0, 16, new long[1]).counts());
            assertArrayEquals(expectedB, second.firstTier(0, 16, new long[1]).counts());
            assertArrayEquals(expectedA, first.firstTier(0, 16, new long[1]).counts());
        }
    }
}
