package dev.squall.kernels.deep;

import java.util.Locale;

/**
 * Times one render from the command line (not a test: surefire does not run it). Arguments: {@code WIDTH HEIGHT
 * MAX_ITER RE IM ZOOM [THREADS [bla|nobla [auto|double|extended]]]}, or {@code e14}/{@code e113} and a size for
 * deep-zoom.md's two locations:
 * <pre>
 * java -cp kernels/target/classes:kernels/target/test-classes dev.squall.kernels.deep.DeepRenderTiming e113 1024 2
 * </pre>
 * Prints the wall time, the sum and CRC-32 of the counts and {@link DeepRender.Stats}. Run twice in one JVM, the
 * second run reported, so that the first one's JIT compilation is not in the figures.
 */
public final class DeepRenderTiming {
    private DeepRenderTiming() {
    }

    /**
     * Runs the render described by {@code args} twice and reports the second run.
     *
     * @param args as the class describes
     */
    public static void main(String[] args) {
        DeepParams p;
        int rest;
        if (args[0].equals("e14") || args[0].equals("e113")) {
            DeepParams ref = args[0].equals("e14") ? DeepCases.E14 : DeepCases.E113;
            int size = Integer.parseInt(args[1]);
            p = new DeepParams(size, size, ref.maxIter(), ref.view());
            rest = 2;
        } else {
            p = new DeepParams(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    DeepView.parse(args[3], args[4], args[5]));
            rest = 6;
        }
        int threads = args.length > rest ? Integer.parseInt(args[rest]) : 1;
        boolean bla = args.length <= rest + 1 || args[rest + 1].equals("bla");
        DeepRender.Arithmetic arithmetic = args.length > rest + 2
                ? DeepRender.Arithmetic.valueOf(args[rest + 2].toUpperCase(Locale.ROOT)) : DeepRender.Arithmetic.AUTO;
        DeepRender.Options options = new DeepRender.Options(0, p.height(), bla, threads, arithmetic);
        DeepRender.compute(p, options);
        long t = System.nanoTime();
        DeepRender.Result r = DeepRender.compute(p, options);
        double wall = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "%dx%d max-iter %d, %d threads: wall %.3f s, sum %d, crc %s%n  %s%n", p.width(),
                p.height(), p.maxIter(), threads, wall, DeepCases.sum(r.counts()), DeepCases.crc32(r.counts()),
                r.stats());
    }
}
