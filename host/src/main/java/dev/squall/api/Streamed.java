package dev.squall.api;

/**
 * What a streamed render did.
 *
 * @param sum the sum of all counts: the iterations the image stands for
 * @param seconds how long the render took, the sink's time included (program builds not counted)
 * @param device where it ran: a device's label, or the ids of several joined by {@code " + "}
 */
public record Streamed(long sum, double seconds, String device) {
}
