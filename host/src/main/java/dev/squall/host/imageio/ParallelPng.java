package dev.squall.host.imageio;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An 8-bit RGB or RGBA PNG encoder that compresses on every core: the filtered rows are cut into pieces of about
 * 1 MiB, each deflated by its own {@link Deflater} primed with the previous piece's last 32 KiB (so the pieces
 * compress nearly as well as one stream) and ended with a sync flush; the pieces concatenated form one zlib stream,
 * as pigz does. Encoding is what bounds a batch of images (BENCHMARKS.md), and one big image at the end of a batch
 * would otherwise leave all cores but one idle. Rows use the Sub filter.
 */
final class ParallelPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int PIECE_BYTES = 1 << 20;
    private static final int WINDOW = 32 * 1024;
    private static final int IDAT_BYTES = 1 << 20;

    /**
     * One thread per core for the pieces. Not the common pool: that has one thread fewer than the cores (one on a
     * 2-core machine), and the threads waiting for the pieces are not its workers.
     */
    private static final ForkJoinPool ENCODERS = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("squall-png-" + thread.getPoolIndex());
                thread.setDaemon(true);
                return thread;
            }, null, false);

    private ParallelPng() {
    }

    static void write(OutputStream out, RgbaImage image, int level) throws IOException {
        int channels = image.alpha() ? 4 : 3;
        int stride = image.width() * channels + 1;
        int rowsPerPiece = Math.max(1, PIECE_BYTES / stride);
        int pieces = (image.height() + rowsPerPiece - 1) / rowsPerPiece;
        List<ForkJoinTask<Piece>> tasks = new ArrayList<>(pieces);
        for (int p = 0; p < pieces; p++) {
            int first = p * rowsPerPiece;
            int rows = Math.min(rowsPerPiece, image.height() - first);
            boolean last = p == pieces - 1;
            tasks.add(ENCODERS.submit(() -> deflate(image, channels, first, rows, level, last)));
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(image.width());
        h.writeInt(image.height());
        h.writeByte(8);
        h.writeByte(image.alpha() ? 6 : 2);
        h.writeByte(0);
        h.writeByte(0);
        h.writeByte(0);
        chunk(data, "IHDR", header.toByteArray(), 0, header.size());

        // The zlib stream: a 2-byte header (deflate, 32 KiB window, no preset dictionary), the pieces, Adler-32.
        ByteArrayOutputStream idat = new ByteArrayOutputStream(IDAT_BYTES + 64 * 1024);
        idat.write(0x78);
        idat.write(0x01);
        long a = 1;
        for (ForkJoinTask<Piece> task : tasks) {
            Piece piece = task.join();
            a = adlerConcat(a, piece.adler(), piece.length());
            idat.write(piece.deflated());
            if (idat.size() >= IDAT_BYTES) {
                chunk(data, "IDAT", idat.toByteArray(), 0, idat.size());
                idat.reset();
            }
        }
        idat.write((int) (a >>> 24));
        idat.write((int) (a >>> 16));
        idat.write((int) (a >>> 8));
        idat.write((int) a);
        chunk(data, "IDAT", idat.toByteArray(), 0, idat.size());
        chunk(data, "IEND", new byte[0], 0, 0);
        data.flush();
    }

    /** Rows {@code [first, first + rows)}, Sub-filtered, each behind its filter byte. */
    private static void filter(RgbaImage image, int channels, int first, int rows, byte[] raw) {
        byte[] rgba = image.rgba();
        int width = image.width();
        int stride = width * channels + 1;
        for (int r = 0; r < rows; r++) {
            int o = r * stride;
            raw[o] = 1; // Sub: each byte minus the same channel of the pixel to its left
            int src = (first + r) * width * 4;
            if (channels == 4) {
                System.arraycopy(rgba, src, raw, o + 1, 4);
                for (int i = 4; i < width * 4; i++) {
                    raw[o + 1 + i] = (byte) (rgba[src + i] - rgba[src + i - 4]);
                }
            } else {
                raw[o + 1] = rgba[src];
                raw[o + 2] = rgba[src + 1];
                raw[o + 3] = rgba[src + 2];
                for (int x = 1, d = o + 4, s = src + 4; x < width; x++, d += 3, s += 4) {
                    raw[d] = (byte) (rgba[s] - rgba[s - 4]);
                    raw[d + 1] = (byte) (rgba[s + 1] - rgba[s - 3]);
                    raw[d + 2] = (byte) (rgba[s + 2] - rgba[s - 2]);
                }
            }
        }
    }

    /** One piece of the stream: its deflated bytes, and the Adler-32 and length of its filtered rows. */
    private record Piece(byte[] deflated, long adler, long length) {
    }

    /**
     * The Adler-32 of X followed by Y from those of X and Y. With A = 1 + the sum of the bytes and B = the sum of the
     * successive A values (both mod 65521), appending the n bytes of Y to X adds A(X) - 1 to each of Y's n A values:
     * A = A(X) + A(Y) - 1 and B = B(X) + B(Y) + n (A(X) - 1).
     */
    static long adlerConcat(long x, long y, long n) {
        final long mod = 65521;
        long ax = x & 0xFFFF;
        long bx = x >>> 16;
        long ay = y & 0xFFFF;
        long by = y >>> 16;
        long a = (ax + ay + mod - 1) % mod;
        long b = (bx + by + (n % mod) * ((ax + mod - 1) % mod)) % mod;
        return b << 16 | a;
    }

    private static Piece deflate(RgbaImage image, int channels, int first, int rows, int level, boolean last) {
        int stride = image.width() * channels + 1;
        byte[] raw = new byte[rows * stride];
        filter(image, channels, first, rows, raw);
        Adler32 adler = new Adler32();
        adler.update(raw);
        Deflater deflater = new Deflater(level, true);
        try {
            if (first > 0) {
                // The previous piece's last 32 KiB: the window one stream would have had here.
                int previousRows = Math.max(1, Math.min(first, (WINDOW + stride - 1) / stride));
                byte[] previous = new byte[previousRows * stride];
                filter(image, channels, first - previousRows, previousRows, previous);
                int n = Math.min(WINDOW, previous.length);
                deflater.setDictionary(previous, previous.length - n, n);
            }
            deflater.setInput(raw);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 1024);
            byte[] buffer = new byte[64 * 1024];
            int mode = last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH;
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, mode);
                out.write(buffer, 0, n);
                if (last ? deflater.finished() : (n < buffer.length && deflater.needsInput())) {
                    break;
                }
            }
            return new Piece(out.toByteArray(), adler.getValue(), raw.length);
        } finally {
            deflater.end();
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data, int offset, int length)
            throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, offset, length);
        out.writeInt(length);
        out.write(name);
        out.write(data, offset, length);
        out.writeInt((int) crc.getValue());
    }
}
