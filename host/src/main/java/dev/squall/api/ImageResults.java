package dev.squall.api;

import dev.squall.host.image.ImageBatch;
import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.util.List;

/**
 * The outcomes of {@link Engine#images}, in the order the inputs were given. Without verification every output is
 * in place already; with it, the outputs wait beside their targets until {@link #commit} (every image identical)
 * or {@link #close} (any difference: nothing written).
 */
public final class ImageResults implements AutoCloseable {
    private final List<ImageBatch.Outcome> outcomes;

    ImageResults(List<ImageBatch.Outcome> outcomes) {
        this.outcomes = outcomes;
    }

    /** {@return each input's outcome} */
    public List<ImageOutcome> outcomes() {
        return outcomes.stream().map(o -> new ImageOutcome(o.input(), o.problem(), o.differing(), o.first()))
                .toList();
    }

    /**
     * Renames every output still waiting over its target.
     *
     * @throws IOException when a rename fails
     */
    public void commit() throws IOException {
        for (ImageBatch.Outcome o : outcomes) {
            if (o.pending() != null) {
                o.pending().commit();
            }
        }
    }

    /**
     * Removes the outputs not committed; their targets stay as they were.
     *
     * @throws IOException when a temporary file cannot be removed
     */
    @Override
    public void close() throws IOException {
        for (ImageBatch.Outcome o : outcomes) {
            AtomicFile.Pending pending = o.pending();
            if (pending != null) {
                pending.close();
            }
        }
    }
}
