package dev.squall.kernels.deep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The steps where both the reference and the delta are below double's range, the second tier's
 * ({@link DoubleDoublePerturbation#tinyStep}) and the first's ({@link Perturbation#tinyStep}): against exact
 * arithmetic, each result is within the bound it returns, for random operands over the exponents deep views meet (the reference near 0 at its period steps, a delta grown
 * far above the pixel offset, or not).
 */
class TinyStepTest {
    private static BigDecimal exact(double hi, double lo, long exponent) {
        BigDecimal m = new BigDecimal(hi).add(new BigDecimal(lo));
        return exponent >= 0 ? m.multiply(BigDecimal.TWO.pow((int) exponent))
                : m.divide(BigDecimal.TWO.pow((int) -exponent));    // exact: a power of two divides a decimal
    }

    @Test
    void theStepIsWithinItsBoundOfTheExactStep() {
        SplittableRandom random = new SplittableRandom(20261202);
        double[] lo = new double[8];
        double[] out = new double[5];
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int ze = -961 - random.nextInt(2500);                   // |Z_m| below 2^-960
            int we = -961 - random.nextInt(2500);                   // |d| below 2^-960
            int wExp = random.nextInt(-60, 61);                     // w in [2^-64, 2^64]
            int e = we - wExp;
            int ce = Math.min(e, ze) - random.nextInt(0, 1500);     // dc at or below the others
            boolean zeroZ = trial % 17 == 0;
            double[] xrh = {0, zeroZ ? 0 : sign(random) * (1 + random.nextDouble())};
            double[] xih = {0, zeroZ ? 0 : sign(random) * random.nextDouble()};
            double[] xrl = {0, xrh[1] * 0x1p-60 * random.nextDouble()};
            double[] xil = {0, xih[1] * 0x1p-61 * random.nextDouble()};
            int[] xe = {0, ze};
            double[] xfm = {0, 0};
            int[] xfe = {0, 0};
            double wrh = sign(random) * Math.scalb(1 + random.nextDouble(), wExp);
            double wih = sign(random) * Math.scalb(random.nextDouble(), wExp);
            double wrl = wrh * 0x1p-58 * random.nextDouble();
            double wil = wih * 0x1p-59 * random.nextDouble();
            double[] c = {sign(random) * (1 + random.nextDouble()), 0, sign(random) * random.nextDouble(), 0};
            int cExp = ce + ExtendedDouble.exponentOf(Math.max(Math.abs(c[0]), Math.abs(c[2])));
            // The delta known to within eps (units of 2^e): the exact one is off the computed by up to that.
            double eps = trial % 3 == 0 ? 0.0 : Math.scalb(Math.abs(wrh), -40 - random.nextInt(40));
            double angle = random.nextDouble(2 * Math.PI);
            double offRe = 0.999 * eps * Math.cos(angle);
            double offIm = 0.999 * eps * Math.sin(angle);
            int u = DoubleDoublePerturbation.tinyStep(1, e, ce, cExp, c, ExtendedDouble.ZERO, xrh, xrl, xih, xil,
                    xe, xfm, xfe, lo, out, wrh, wrl, wih, wil, eps);
            // Exact: d' = (2 Z + d) d + dc, complex.
            BigDecimal zr = exact(xrh[1], xrl[1], ze);
            BigDecimal zi = exact(xih[1], xil[1], ze);
            BigDecimal dr = exact(wrh, wrl, e).add(exact(offRe, 0, e));
            BigDecimal di = exact(wih, wil, e).add(exact(offIm, 0, e));
            BigDecimal tr = zr.multiply(BigDecimal.TWO).add(dr);
            BigDecimal ti = zi.multiply(BigDecimal.TWO).add(di);
            BigDecimal nr = tr.multiply(dr).subtract(ti.multiply(di)).add(exact(c[0], c[1], ce));
            BigDecimal ni = tr.multiply(di).add(ti.multiply(dr)).add(exact(c[2], c[3], ce));
            BigDecimal er = exact(out[0], out[1], u).subtract(nr);
            BigDecimal ei = exact(out[2], out[3], u).subtract(ni);
            BigDecimal bound = exact(out[4], 0, u);
            MathContext mc = new MathContext(40);
            BigDecimal err2 = er.multiply(er, mc).add(ei.multiply(ei, mc), mc);
            assertTrue(err2.compareTo(bound.multiply(bound, mc)) <= 0, "trial " + trial + ": error^2 " + err2
                    + " above bound^2 " + bound.multiply(bound, mc) + " (u " + u + ", e " + e + ", ze " + ze + ")");
            // And the result is a number in range, not a delta lost to underflow: w' in its unit is not 0.
            assertTrue(out[0] != 0 || out[2] != 0, "trial " + trial + ": w' = 0");
            checked++;
        }
        assertTrue(checked == 300);
    }

    @Test
    void theFirstTiersStepIsWithinItsBoundOfTheExactStep() {
        SplittableRandom random = new SplittableRandom(20261203);
        double[] out = new double[3];
        for (int trial = 0; trial < 300; trial++) {
            int ze = -961 - random.nextInt(2500);
            int we = -961 - random.nextInt(2500);
            int wExp = random.nextInt(-60, 61);
            int e = we - wExp;
            int ce = Math.min(e, ze) - random.nextInt(0, 1500);
            boolean zeroZ = trial % 17 == 0;
            double[] xr = {0, zeroZ ? 0 : sign(random) * (1 + random.nextDouble())};
            double[] xi = {0, zeroZ ? 0 : sign(random) * random.nextDouble()};
            int[] xe = {0, ze};
            double[] xfm = {0, 0};
            int[] xfe = {0, 0};
            double wr = sign(random) * Math.scalb(1 + random.nextDouble(), wExp);
            double wi = sign(random) * Math.scalb(random.nextDouble(), wExp);
            ExtendedDouble dcr = ExtendedDouble.of(sign(random) * (1 + random.nextDouble()), ce);
            ExtendedDouble dci = trial % 5 == 0 ? ExtendedDouble.ZERO : ExtendedDouble.of(random.nextDouble(), ce);
            int cExp = dcr.abs().max(dci.abs()).exponent();
            double eps = trial % 3 == 0 ? 0.0 : Math.scalb(Math.abs(wr), -40 - random.nextInt(40));
            double angle = random.nextDouble(2 * Math.PI);
            double offRe = 0.999 * eps * Math.cos(angle);
            double offIm = 0.999 * eps * Math.sin(angle);
            int u = Perturbation.tinyStep(1, e, cExp, dcr, dci, ExtendedDouble.ZERO, xr, xi, xe, xfm, xfe, wr, wi,
                    eps, out);
            BigDecimal zr = exact(xr[1], 0, ze);
            BigDecimal zi = exact(xi[1], 0, ze);
            BigDecimal dr = exact(wr, 0, e).add(exact(offRe, 0, e));
            BigDecimal di = exact(wi, 0, e).add(exact(offIm, 0, e));
            BigDecimal tr = zr.multiply(BigDecimal.TWO).add(dr);
            BigDecimal ti = zi.multiply(BigDecimal.TWO).add(di);
            BigDecimal nr = tr.multiply(dr).subtract(ti.multiply(di)).add(exact(dcr.mantissa(), 0, dcr.exponent()));
            BigDecimal ni = tr.multiply(di).add(ti.multiply(dr)).add(exact(dci.mantissa(), 0, dci.exponent()));
            BigDecimal er = exact(out[0], 0, u).subtract(nr);
            BigDecimal ei = exact(out[1], 0, u).subtract(ni);
            BigDecimal bound = exact(out[2], 0, u);
            MathContext mc = new MathContext(40);
            BigDecimal err2 = er.multiply(er, mc).add(ei.multiply(ei, mc), mc);
            assertTrue(err2.compareTo(bound.multiply(bound, mc)) <= 0, "trial " + trial + ": error^2 " + err2
                    + " above bound^2 " + bound.multiply(bound, mc) + " (u " + u + ", e " + e + ", ze " + ze + ")");
            assertTrue(out[0] != 0 || out[1] != 0, "trial " + trial + ": w' = 0");
            // And the bound says something: well below the result (it was above it, the delta lost, before).
            BigDecimal size = exact(Math.abs(out[0]) + Math.abs(out[1]), 0, u);
            assertTrue(bound.compareTo(size.multiply(new BigDecimal("1e-6"))) < 0, "trial " + trial + ": bound "
                    + bound + " against |d'| " + size);
        }
    }

    private static double sign(SplittableRandom random) {
        return random.nextBoolean() ? 1 : -1;
    }
}
