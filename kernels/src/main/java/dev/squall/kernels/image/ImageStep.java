package dev.squall.kernels.image;

/** One step of an image chain: a point operation or a neighbourhood operation, valid by construction. */
public sealed interface ImageStep permits PixelStep, NeighbourhoodStep {
}
