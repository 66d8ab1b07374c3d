package dev.squall.kernels.deep;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/** The two reference locations of shared/reference/deep-zoom.md, and the checksums its table uses. */
final class DeepCases {
    private DeepCases() {
    }

    /** Location 1e14, 32 x 32, N = 4036: sum 481694, CRC-32 44c07a66. */
    static final DeepParams E14 = new DeepParams(32, 32, 4036, DeepView.parse(
            "-1.759817130804847813610825010561798238243999999999999999999800",
            "-0.012593310799749865383746631843264858450340000000000000000000", "1.00E14"));

    /** Location 5e113, 32 x 32, N = 35494: sum 23270782, CRC-32 620dd7eb. */
    static final DeepParams E113 = new DeepParams(32, 32, 35494, DeepView.parse(
            "-1.47981577613247326072298452597877854692240725774045369689878510139864920741002293820250517329282011227363313053159203914640783415609608168660705123082446357179491909705403381200",
            "-0.00063911193261361727152139632255671572957303918943984736047394936471220951961813321928573067036466151147195436388486168819318341208023229522609015461543581599807510715681229605",
            "5.00E113"));

    static long sum(int[] counts) {
        long s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    /** CRC-32 of the counts as u32 little-endian, row-major, in 8 lowercase hex digits. */
    static String crc32(int[] counts) {
        ByteBuffer b = ByteBuffer.allocate(counts.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : counts) {
            b.putInt(c);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array());
        return String.format("%08x", crc.getValue());
    }

    /** The first index where two count arrays differ, with both values, or null when they are equal. */
    static String firstDifference(int[] expected, int[] actual, int width) {
        if (expected.length != actual.length) {
            return "lengths " + expected.length + " and " + actual.length;
        }
        int differing = 0;
        String first = null;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                if (first == null) {
                    first = "pixel (" + (i % width) + ", " + (i / width) + "): expected " + expected[i] + ", got "
                            + actual[i];
                }
                differing++;
            }
        }
        return first == null ? null : differing + " pixels differ, first " + first;
    }
}
