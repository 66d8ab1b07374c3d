package dev.squall.host.job;

/** Where one frame of a job stands before a run, from its manifest entry and its file. */
public enum FrameState {
    /** Listed, same parameters, the file there with the listed size and CRC-32: skipped. */
    DONE("done"),
    /** Not in the manifest: never finished. */
    NEW("not done yet"),
    /** Listed with other parameters (the job file changed). */
    CHANGED("changed"),
    /** Listed, but the file is gone. */
    MISSING("missing"),
    /** Listed, but the file's size or CRC-32 differs from the manifest's. */
    DAMAGED("damaged"),
    /** {@code --force}: redone whatever its state. */
    FORCED("forced");

    private final String label;

    FrameState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
