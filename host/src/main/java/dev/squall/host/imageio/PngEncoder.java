package dev.squall.host.imageio;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * An 8-bit RGB or RGBA PNG written as its filtered rows arrive, compressed on every core, as pigz does: each piece of
 * rows is deflated by its own {@link Deflater}, primed with the previous piece's last 32 KiB (so the pieces compress
 * nearly as well as one stream) and ended with a sync flush; the pieces, written in order, form one zlib stream. At
 * most {@link #inFlight} pieces wait for their encoder, so memory stays bounded whatever the image's height; encoding
 * is what bounds a PNG render or a batch of images (BENCHMARKS.md).
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** About this many filtered bytes a piece: large enough that the sync flushes cost nothing measurable. */
    static final int PIECE_BYTES = 1 << 20;
    private static final int WINDOW = 32 * 1024;
    private static final int IDAT_BYTES = 1 << 20;

    /**
     * One thread per core. Not the common pool: that has one thread fewer than the cores (one on a 2-core machine),
     * and the threads waiting for the pieces are not its workers.
     */
    private static final ForkJoinPool ENCODERS = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                thread.setName("squall-png-" + thread.getPoolIndex());
                thread.setDaemon(true);
                return thread;
            }, null, false);

    private final DataOutputStream data;
    private final int stride;
    private final int height;
    private final int level;
    private final int inFlight = 2 * ENCODERS.getParallelism();
    private final Deque<Future<Piece>> pieces = new ArrayDeque<>();
    private final ByteArrayOutputStream idat = new ByteArrayOutputStream(IDAT_BYTES + 64 * 1024);
    private byte[] previous;
    private long adler = 1;
    private int rows;

    /** Starts the PNG on {@code out} (signature and header), which it does not close. */
    PngEncoder(OutputStream out, int width, int height, boolean alpha, int level) throws IOException {
        this.data = new DataOutputStream(out);
        this.stride = width * (alpha ? 4 : 3) + 1;
        this.height = height;
        this.level = level;
        data.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(8);
        h.writeByte(alpha ? 6 : 2);
        h.writeByte(0);
        h.writeByte(0);
        h.writeByte(0);
        chunk("IHDR", header.toByteArray(), header.size());
        // The zlib stream's header: deflate, 32 KiB window, no preset dictionary.
        idat.write(0x78);
        idat.write(0x01);
    }

    /** Bytes of one filtered row: the filter type, then the pixels. */
    int stride() {
        return stride;
    }

    /** Rows a piece should hold (at least one). */
    int rowsPerPiece() {
        return Math.max(1, PIECE_BYTES / stride);
    }

    /**
     * Adds the next whole rows, already filtered, each behind its filter byte. The array is the encoder's from now on.
     */
    void rows(byte[] filtered) throws IOException {
        if (filtered.length % stride != 0) {
            throw new IllegalArgumentException(filtered.length + " bytes are not whole rows of " + stride);
        }
        rows += filtered.length / stride;
        if (rows > height) {
            throw new IllegalStateException("more than the " + height + " rows of the image");
        }
        byte[] dictionary = previous;
        boolean last = rows == height;
        pieces.add(ENCODERS.submit(() -> deflate(filtered, dictionary, level, last)));
        previous = filtered;
        while (pieces.size() > inFlight) {
            write(pieces.removeFirst());
        }
    }

    /** Ends the PNG: every row must have been given. */
    void end() throws IOException {
        if (rows != height) {
            throw new IllegalStateException(rows + " of the image's " + height + " rows were given");
        }
        while (!pieces.isEmpty()) {
            write(pieces.removeFirst());
        }
        idat.write((int) (adler >>> 24));
        idat.write((int) (adler >>> 16));
        idat.write((int) (adler >>> 8));
        idat.write((int) adler);
        chunk("IDAT", idat.toByteArray(), idat.size());
        chunk("IEND", new byte[0], 0);
        data.flush();
    }

    /** Stops the encoders of pieces not yet written (after a failure elsewhere). */
    void abandon() {
        pieces.forEach(piece -> piece.cancel(true));
        pieces.clear();
    }

    private void write(Future<Piece> pending) throws IOException {
        Piece piece;
        try {
            piece = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while encoding the PNG", e);
        } catch (ExecutionException e) {
            throw new IOException("PNG encoding failed", e.getCause());
        }
        adler = adlerConcat(adler, piece.adler(), piece.length());
        idat.write(piece.deflated());
        if (idat.size() >= IDAT_BYTES) {
            chunk("IDAT", idat.toByteArray(), idat.size());
            idat.reset();
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

    private static Piece deflate(byte[] raw, byte[] previous, int level, boolean last) {
        Adler32 adler = new Adler32();
        adler.update(raw);
        Deflater deflater = new Deflater(level, true);
        try {
            if (previous != null) {
                // The previous piece's last 32 KiB: the window one stream would have had here.
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

    private void chunk(String type, byte[] bytes, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(bytes, 0, length);
        data.writeInt(length);
        data.write(name);
        data.write(bytes, 0, length);
        data.writeInt((int) crc.getValue());
    }
}
