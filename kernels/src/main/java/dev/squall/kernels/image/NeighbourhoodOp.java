package dev.squall.kernels.image;

/**
 * Operations whose output pixel depends on its neighbours. Borders clamp (the nearest edge pixel stands in for
 * those outside); alpha is copied from the pixel itself. Exact definitions in {@link ImageReference}.
 */
public enum NeighbourhoodOp implements ImageOperation {
    /** Gaussian blur, SIGMA the standard deviation in pixels, greater than 0 and at most 100. */
    BLUR("SIGMA", "separable Gaussian blur of R, G, B, radius ceil(3 SIGMA), 0 < SIGMA <= 100"),
    /** Mean of the {@code (2R+1) x (2R+1)} square, R an integer from 1 to 1000, rounded to nearest in integers. */
    BOX_BLUR("R", "mean of the (2R+1) x (2R+1) square around each pixel, integer R from 1 to 1000, rounded"),
    /** Unsharp mask against the sigma-1 Gaussian, AMOUNT finite and at least 0 (0 changes nothing). */
    SHARPEN("AMOUNT", "unsharp mask: c + AMOUNT * (c - gaussian(sigma 1)), AMOUNT >= 0, rounded"),
    /** Edge magnitude of the Rec. 709 grey image, at most 255, written to R, G and B; no argument. */
    SOBEL(null, "edge magnitude of the Rec. 709 grey image: round(sqrt(Gx^2 + Gy^2)), at most 255, into R, G, B");

    private final String argName;
    private final String description;

    NeighbourhoodOp(String argName, String description) {
        this.argName = argName;
        this.description = description;
    }

    @Override
    public String argName() {
        return argName;
    }

    @Override
    public String description() {
        return description;
    }
}
