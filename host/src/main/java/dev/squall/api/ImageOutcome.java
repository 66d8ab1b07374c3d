package dev.squall.api;

import java.nio.file.Path;

/**
 * What happened to one input of {@link Engine#images}.
 *
 * @param input the file
 * @param problem why it was not processed (unreadable, too large, a device that refused it), or null
 * @param differing with verification: how many pixels differ from the Java reference
 * @param first with verification and a difference: where the first is, as {@code (x, y): device rgba(...),
 *     reference rgba(...)}; else null
 */
public record ImageOutcome(Path input, String problem, long differing, String first) {
}
