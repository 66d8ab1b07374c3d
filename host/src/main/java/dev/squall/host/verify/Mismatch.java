package dev.squall.host.verify;

/** One pixel where a device disagrees with the Java reference. */
public record Mismatch(int x, int y, long device, long reference) {
    @Override
    public String toString() {
        return "(" + x + ", " + y + "): device " + device + ", reference " + reference;
    }
}
