package dev.squall.host.render;

import dev.squall.host.schedule.TileSink;

import dev.squall.host.Backend;
import dev.squall.host.Schedule;
import dev.squall.host.imageio.AtomicFile;
import dev.squall.host.imageio.MandelbrotPng;
import dev.squall.host.imageio.NpyFile;
import dev.squall.host.verify.Verdict;
import dev.squall.host.verify.Verifier;
import dev.squall.kernels.EscapeTime;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * A render streamed to its outputs without ever holding the image: tiles go, in image order, to the verifier (if
 * asked), the CRC-32 and every output file at once, each file a temporary one ({@link AtomicFile#prepare}) left
 * pending: the caller renames them into place ({@link Result#commit}) only when it is satisfied (the verdict
 * identical, a manifest written), or drops them ({@link Result#close}). The one output layer of {@code render} and
 * of the library's {@code Engine}.
 */
public final class StreamedRender {
    private StreamedRender() {
    }

    /** What an output file holds: the escape counts raw, as NumPy's {@code .npy}, or as the coloured PNG. */
    public enum Format {
        /** u32 little-endian, row-major, no header. */
        COUNTS,
        /** NumPy 1.0, {@code <u4}, shape (height, width): the counts behind a 128-byte header. */
        NPY,
        /** 8-bit RGB, coloured by {@link dev.squall.host.imageio.MandelbrotPalette}. */
        PNG
    }

    /** One file to write: where and in which format. */
    public record Output(Path path, Format format) {
    }

    /**
     * What the render did: the renderer's result (no counts: they were streamed), the verdict when verified (else
     * null), the CRC-32 of the counts as a counts file holds them, and the outputs waiting to be renamed.
     */
    public record Result(RenderResult render, Verdict verdict, long crc32, List<AtomicFile.Pending> pending)
            implements AutoCloseable {

        /** Renames every output into place. */
        public void commit() throws IOException {
            for (AtomicFile.Pending file : pending) {
                file.commit();
            }
        }

        /** Removes the outputs not committed (their targets stay as they were). */
        @Override
        public void close() throws IOException {
            for (AtomicFile.Pending file : pending) {
                file.close();
            }
        }
    }

    /**
     * Renders {@code params} on {@code backends} into {@code outputs}, verifying every tile when {@code verify}. On a
     * failure nothing is left behind: the temporary files are removed and the targets are untouched.
     */
    public static Result run(List<Backend> backends, EscapeTime params, Schedule schedule,
            List<Output> outputs, boolean verify, int keptMismatches, Supplier<Backend> fallback,
            Consumer<String> notice) throws IOException {
        return run(backends, params, schedule, outputs, verify, keptMismatches, fallback, notice, rows -> { });
    }

    /** As above; {@code rowsDone} hears each tile's rows once every output has taken them, in image order. */
    public static Result run(List<Backend> backends, EscapeTime params, Schedule schedule,
            List<Output> outputs, boolean verify, int keptMismatches, Supplier<Backend> fallback,
            Consumer<String> notice, java.util.function.IntConsumer rowsDone) throws IOException {
        Verifier.Tiles verifier = verify ? new Verifier.Tiles(params, keptMismatches) : null;
        CRC32 crc = new CRC32();
        List<TileSink> sinks = new ArrayList<>();
        if (verifier != null) {
            sinks.add(verifier::check);
        }
        sinks.add((tile, tileCounts) -> crc.update(tileCounts.asByteBuffer()));
        List<AtomicFile.Pending> pending = new ArrayList<>();
        try {
            RenderResult result = into(new ArrayDeque<>(outputs), sinks, pending, backends, params, schedule,
                    fallback, notice, rowsDone);
            return new Result(result, verifier == null ? null : verifier.verdict(), crc.getValue(),
                    List.copyOf(pending));
        } catch (IOException | RuntimeException | Error e) {
            for (AtomicFile.Pending file : pending) {
                file.close();
            }
            throw e;
        }
    }

    /**
     * Opens the outputs one inside the other (each {@link AtomicFile#prepare} holds its temporary file open while its
     * content is written, and the content is the render), then renders into all of them at once.
     */
    private static RenderResult into(Deque<Output> outputs, List<TileSink> sinks, List<AtomicFile.Pending> pending,
            List<Backend> backends, EscapeTime params, Schedule schedule, Supplier<Backend> fallback,
            Consumer<String> notice, java.util.function.IntConsumer rowsDone) throws IOException {
        if (outputs.isEmpty()) {
            return MandelbrotRenderer.stream(backends, params, schedule, fallback, notice, (tile, tileCounts) -> {
                for (TileSink sink : sinks) {
                    sink.accept(tile, tileCounts);
                }
                rowsDone.accept(tile.rows());
            });
        }
        Output output = outputs.pop();
        RenderResult[] result = new RenderResult[1];
        pending.add(AtomicFile.prepare(output.path(), (out, channel) -> {
            List<TileSink> all = new ArrayList<>(sinks);
            MandelbrotPng.Rows png = null;
            switch (output.format()) {
                case COUNTS -> all.add((tile, tileCounts) -> writeCounts(out, tileCounts));
                case NPY -> {
                    out.write(NpyFile.header(params.width(), params.height()));
                    all.add((tile, tileCounts) -> writeCounts(out, tileCounts));
                }
                case PNG -> {
                    png = new MandelbrotPng.Rows(out, params.width(), params.height(), params.maxIter());
                    MandelbrotPng.Rows rows = png;
                    all.add((tile, tileCounts) -> rows.write(tileCounts));
                }
            }
            result[0] = into(outputs, all, pending, backends, params, schedule, fallback, notice, rowsDone);
            if (png != null) {
                png.end();
            }
        }));
        return result[0];
    }

    /** The counts as they are in memory (u32 little-endian), through a small heap buffer. */
    private static void writeCounts(OutputStream out, MemorySegment tileCounts) throws IOException {
        byte[] chunk = new byte[(int) Math.min(tileCounts.byteSize(), 1 << 16)];
        for (long offset = 0; offset < tileCounts.byteSize(); offset += chunk.length) {
            int n = (int) Math.min(chunk.length, tileCounts.byteSize() - offset);
            MemorySegment.copy(tileCounts, ValueLayout.JAVA_BYTE, offset, chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }
}
