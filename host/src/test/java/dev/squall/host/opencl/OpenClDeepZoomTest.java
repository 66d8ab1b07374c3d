package dev.squall.host.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.kernels.Precision;
import dev.squall.kernels.deep.DeepKernel;
import dev.squall.kernels.deep.DeepParams;
import dev.squall.kernels.deep.DeepRender;
import dev.squall.kernels.deep.DeepView;
import dev.squall.testing.OpenClTestDevice;
import java.util.Arrays;
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
     * Kalles Fraktaler's 1e1086 location cut to 345 characters and seen at 1e330: beyond double's exponent range,
     * with structure (rebases, jumps and 67 distinct counts at 20 x 14, N = 60000). Not in shared/.
     */
    static final String RE_330 = "-1.7686104930146770745031756532702265202396779075886654948376772575753046409788084752746357073624640"
            + "4425301437028994853855250887746473641587305295842286193277467016599420164341993480750029005617990639"
            + "2909880374230601661671965436663874506006355684166693059189687544326482526337453326360163639772818993"
            + "753021740632937840115380957766425092940720439";
    static final String IM_330 = "0.00126661350386871770206641119224260157619394056047140981718501017176252479258890361669150134602850"
            + "2452530417599269384116816237002586460261272462170615382790262110756215389780859682964779212455295242"
            + "6504887990247010233539845764348594963453934428675447843495097999669968273745257295838226275648322078"
            + "602350004918560392789752032535401191956611825";

    @ParameterizedTest(name = "{0} {1}x{2} N={3} {5} rows {6}+{7} fast={8}")
    @CsvSource(delimiter = '|', textBlock = """
        14   | 32 | 32 | 4036  | 1.00E14 | AUTO     | 0  | 32 | false
        113  | 48 | 40 | 35494 | 5.00E113 | AUTO     | 0  | 40 | false
        113  | 33 | 17 | 35494 | 5.00E113 | AUTO     | 5  | 9  | false
        113  | 40 | 40 | 35494 | 5.00E113 | EXTENDED | 0  | 40 | false
        113  | 24 | 24 | 35494 | 5.00E113 | AUTO     | 0  | 24 | true
        330  | 20 | 14 | 60000 | 1E330    | AUTO     | 0  | 14 | false
        14   | 16 | 16 | 2000  | 3E6      | AUTO     | 0  | 16 | false
        """)
    void theDeviceFirstTierIsTheJavaOnePixelForPixel(String location, int width, int height, int maxIter, String zoom,
            DeepRender.Arithmetic arithmetic, int firstRow, int rows, boolean fast) {
        OpenClDevice device = OpenClTestDevice.require(Precision.F64);
        String re = switch (location) {
            case "14" -> RE_14;
            case "113" -> RE_113;
            default -> RE_330;
        };
        String im = switch (location) {
            case "14" -> IM_14;
            case "113" -> IM_113;
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
            if (fast) {
                assertEquals(0, uncertain);
                assertTrue(cl.work().unproven() > 0, "the fast mode kept some counts unproven");
            }
            assertTrue(cl.work().rebases() > 0, "rebasing ran");
            if (!location.equals("14")) {
                assertTrue(cl.work().blaJumps() > 0, "jumps were taken");
            }
            assertEquals(arithmetic == DeepRender.Arithmetic.EXTENDED || location.equals("330"),
                    run.extended(), "the program variant");
        }
    }
}
