package dev.squall.kernels.image;

/**
 * Operations whose output pixel depends on its neighbours. Borders clamp (the nearest edge pixel stands in for
 * those outside); alpha is copied from the pixel itself. Exact definitions in {@link ImageReference}.
 */
public enum NeighbourhoodOp implements ImageOperation {
    BLUR("SIGMA", "separable Gaussian blur of R, G, B, radius ceil(3 SIGMA), 0 < SIGMA <= 100"),
    BOX_BLUR("R", "mean of the (2R+1) x (2R+1) square around each pixel, integer R from 1 to 1000, rounded"),
    SHARPEN("AMOUNT", "unsharp mask: c + AMOUNT * (c - gaussian(sigma 1)), AMOUNT >= 0, rounded"),
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
