package dev.squall.host.imageio;

import dev.squall.host.buffer.CountsBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/** Writes counts as an 8-bit RGB PNG through {@link MandelbrotPalette}, streamed a piece at a time (no whole-image copy). */
public final class MandelbrotPng {
    /** The widest image whose RGB row fits one Java array, as PNGJ holds it. */
    public static final int MAX_WIDTH = (Integer.MAX_VALUE - 16) / 3;

    /** zlib level: 6, zlib's own default, as a balance of size and time on every core (BENCHMARKS.md). */
    static final int LEVEL = 6;

    private MandelbrotPng() {
    }

    public static void write(Path target, CountsBuffer counts, int maxIter) throws IOException {
        AtomicFile.write(target, content(counts, maxIter));
    }

    /** The file's bytes, for {@link AtomicFile#prepare}. */
    public static AtomicFile.Content content(CountsBuffer counts, int maxIter) {
        return (out, channel) -> {
            Rows png = new Rows(out, counts.width(), counts.height(), maxIter);
            png.write(counts.segment());
            png.end();
        };
    }

    /**
     * A PNG written as its rows arrive, top to bottom, in pieces of whole rows (the tiles of a streamed render), and
     * compressed on every core ({@link PngEncoder}): only a few pieces of about 1 MiB are held, whatever the image's
     * size. Rows use the Sub filter, which suits the palette's smooth gradients.
     */
    public static final class Rows {
        private final PngEncoder png;
        private final MandelbrotPalette palette;
        private final int width;
        private final int rowsPerPiece;
        private byte[] piece;
        private int pieceRows;

        /** Starts the PNG on {@code out}, which it does not close. */
        public Rows(OutputStream out, int width, int height, int maxIter) throws IOException {
            this.png = new PngEncoder(out, width, height, false, LEVEL);
            this.palette = new MandelbrotPalette(maxIter);
            this.width = width;
            this.rowsPerPiece = Math.min(png.rowsPerPiece(), height);
        }

        /** Writes the next whole rows: u32 little-endian counts, {@code width} a row. */
        public void write(MemorySegment counts) throws IOException {
            long rows = counts.byteSize() / Integer.BYTES / width;
            for (long y = 0; y < rows; y++) {
                if (piece == null) {
                    piece = new byte[rowsPerPiece * png.stride()];
                }
                int o = pieceRows * png.stride();
                piece[o] = 1;    // Sub: each byte minus the same channel of the pixel to its left
                long base = y * width;
                int left = 0;
                for (int x = 0; x < width; x++) {
                    int rgb = palette.rgb(Integer.toUnsignedLong(counts.getAtIndex(CountsBuffer.COUNT, base + x)));
                    int d = o + 1 + 3 * x;
                    piece[d] = (byte) ((rgb >> 16) - (left >> 16));
                    piece[d + 1] = (byte) ((rgb >> 8) - (left >> 8));
                    piece[d + 2] = (byte) (rgb - left);
                    left = rgb;
                }
                if (++pieceRows == rowsPerPiece) {
                    flush();
                }
            }
        }

        /** Ends the PNG; every row must have been written. */
        public void end() throws IOException {
            try {
                flush();
                png.end();
            } finally {
                png.abandon();
            }
        }

        /** Stops encoding, after a failure elsewhere. */
        public void abandon() {
            png.abandon();
        }

        private void flush() throws IOException {
            if (pieceRows > 0) {
                png.rows(pieceRows == rowsPerPiece ? piece : java.util.Arrays.copyOf(piece, pieceRows * png.stride()));
                piece = null;
                pieceRows = 0;
            }
        }
    }
}
