package dev.squall.host.imageio;

import ar.com.hjg.pngj.IImageLine;
import ar.com.hjg.pngj.IdatSet;
import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngReader;
import ar.com.hjg.pngj.PngjException;
import ar.com.hjg.pngj.chunks.PngChunkPLTE;
import ar.com.hjg.pngj.chunks.PngChunkTRNS;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG (1 to 16 bits, grey, grey+alpha, RGB, RGBA, palette, tRNS) and JPEG into 8-bit RGBA, and writes PNG.
 * PNG samples are read raw through PNGJ (no colour-space conversion: ImageIO would turn grey into sRGB-corrected
 * grey); 16-bit samples keep their high byte, as libpng's strip-16 does; 1, 2 and 4-bit grey are scaled to 0..255
 * exactly. JPEG goes through libjpeg-turbo where it is installed ({@link TurboJpeg}), else ImageIO's decoder (grey
 * JPEGs read from the raster, also without conversion). Decoders may differ by a unit in some pixels of a JPEG;
 * operations are exact on whatever pixels the decoder gave.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Which JPEG decoder reads JPEG files: libjpeg-turbo where it is installed (else ImageIO), or ImageIO always. */
    public enum JpegDecoder {
        AUTO,
        IMAGEIO
    }

    public static RgbaImage read(Path file) throws IOException {
        return read(file, JpegDecoder.AUTO);
    }

    /** Reads {@code file}, a PNG or a JPEG; JPEGs through {@code jpeg}. */
    public static RgbaImage read(Path file, JpegDecoder jpeg) throws IOException {
        byte[] magic = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(magic, 0, 8);
            if (n >= 8 && (magic[0] & 0xFF) == 0x89 && magic[1] == 'P' && magic[2] == 'N' && magic[3] == 'G') {
                return readPng(file);
            }
            if (n >= 3 && (magic[0] & 0xFF) == 0xFF && (magic[1] & 0xFF) == 0xD8 && (magic[2] & 0xFF) == 0xFF) {
                return readJpeg(file, jpeg);
            }
        }
        throw new UnreadableImageException("not a PNG or JPEG file");
    }

    /**
     * An image's width and height from its header alone (PNG's IHDR, JPEG's start-of-frame marker), without
     * decoding it: to know before decoding whether it can be held. Empty when the header cannot be read (the decoder
     * then says what is wrong).
     */
    public static Optional<long[]> dimensions(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 14)) {
            byte[] head = in.readNBytes(24);
            if (head.length == 24 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[12] == 'I' && head[13] == 'H') {
                return Optional.of(new long[] {Integer.toUnsignedLong(int32(head, 16)),
                    Integer.toUnsignedLong(int32(head, 20))});
            }
            if (head.length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
                return jpegDimensions(new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(head, 2, head.length - 2), in));
            }
        } catch (IOException e) {
            // unreadable: the decoder reports it
        }
        return Optional.empty();
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** Walks JPEG markers after SOI to the first start-of-frame (SOF0-15 but DHT, JPG and DAC) and reads its size. */
    private static Optional<long[]> jpegDimensions(InputStream in) throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            if (b != 0xFF) {
                continue;
            }
            int marker = in.read();
            while (marker == 0xFF) {
                marker = in.read();
            }
            if (marker < 0 || marker == 0xD9 || marker == 0xDA) {
                return Optional.empty();    // end of image, or scan data before any frame header
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                continue;                   // markers without a length
            }
            byte[] length = in.readNBytes(2);
            if (length.length < 2) {
                return Optional.empty();
            }
            int size = (length[0] & 0xFF) << 8 | length[1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                byte[] frame = in.readNBytes(5);
                if (frame.length < 5) {
                    return Optional.empty();
                }
                long height = (frame[1] & 0xFF) << 8 | frame[2] & 0xFF;
                long width = (frame[3] & 0xFF) << 8 | frame[4] & 0xFF;
                return Optional.of(new long[] {width, height});
            }
            in.skipNBytes(Math.max(0, size - 2));
        }
    }

    private static RgbaImage readPng(Path file) throws IOException {
        PngReader png;
        try {
            png = new PngReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), true);
        } catch (PngjException e) {
            throw new UnreadableImageException("corrupt PNG: " + e.getMessage(), e);
        }
        try {
            ImageInfo info = png.imgInfo;
            checkSize(info.cols, info.rows);
            PngChunkPLTE palette = png.getMetadata().getPLTE();
            PngChunkTRNS trns = png.getMetadata().getTRNS();
            boolean alpha = info.alpha || trns != null;
            byte[] rgba = new byte[info.cols * info.rows * 4];
            int[] paletteAlpha = info.indexed && trns != null ? trns.getPalletteAlpha() : null;
            for (int y = 0; y < info.rows; y++) {
                IImageLine line = png.readRow();
                int[] s = ((ImageLineInt) line).getScanline();
                int base = y * info.cols * 4;
                if (info.indexed) {
                    // Looked up here: PNGJ's palette2rgba packs RGB triplets, without alpha, when there is no tRNS.
                    for (int x = 0; x < info.cols; x++) {
                        int index = s[x];
                        if (palette == null || index >= palette.getNentries()) {
                            throw new UnreadableImageException("corrupt PNG: palette index " + index
                                    + (palette == null ? " without a palette" : " past its " + palette.getNentries()
                                    + " entries"));
                        }
                        int rgb = palette.getEntry(index);
                        int o = base + 4 * x;
                        rgba[o] = (byte) (rgb >> 16);
                        rgba[o + 1] = (byte) (rgb >> 8);
                        rgba[o + 2] = (byte) rgb;
                        rgba[o + 3] = (byte) (paletteAlpha != null && index < paletteAlpha.length
                                ? paletteAlpha[index] : 255);
                    }
                    continue;
                }
                int channels = info.channels;
                int[] key = trns != null ? (info.greyscale ? new int[] {trns.getGray()} : trns.getRGB()) : null;
                for (int x = 0; x < info.cols; x++) {
                    int o = base + 4 * x;
                    int i = x * channels;
                    int r;
                    int g;
                    int b;
                    int a;
                    if (info.greyscale) {
                        r = g = b = to8(s[i], info.bitDepth);
                        a = info.alpha ? to8(s[i + 1], info.bitDepth) : 255;
                        if (key != null && s[i] == key[0]) {
                            a = 0;
                        }
                    } else {
                        r = to8(s[i], info.bitDepth);
                        g = to8(s[i + 1], info.bitDepth);
                        b = to8(s[i + 2], info.bitDepth);
                        a = info.alpha ? to8(s[i + 3], info.bitDepth) : 255;
                        if (key != null && s[i] == key[0] && s[i + 1] == key[1] && s[i + 2] == key[2]) {
                            a = 0;
                        }
                    }
                    rgba[o] = (byte) r;
                    rgba[o + 1] = (byte) g;
                    rgba[o + 2] = (byte) b;
                    rgba[o + 3] = (byte) a;
                }
            }
            checkComplete(png);
            png.end();
            return new RgbaImage(info.cols, info.rows, alpha, rgba);
        } catch (PngjException | ClassCastException e) {
            throw new UnreadableImageException("corrupt PNG: " + e.getMessage(), e);
        } finally {
            png.close();
        }
    }

    /**
     * Refuses a PNG whose image data ends early. PNGJ throws for a file cut short, but a file whose compressed data
     * is whole and simply holds fewer rows than its header declares (10 of 50, say) reads without a word, the
     * missing rows copies of the last one: so the bytes inflated must be exactly what the header's size, depth
     * and interlacing make.
     */
    private static void checkComplete(PngReader png) throws UnreadableImageException {
        IdatSet idat = png.getChunkseq().getIdatSet();
        ImageInfo info = png.imgInfo;
        long expected = inflatedSize(info, png.interlaced);
        long inflated = idat == null ? 0 : idat.getBytesOut();
        if (inflated != expected) {
            long rowBytes = 1 + ((long) info.cols * info.bitspPixel + 7) / 8;
            throw new UnreadableImageException("truncated PNG: its image data holds " + inflated + " of the "
                    + expected + " bytes its " + info.cols + "x" + info.rows + " header declares"
                    + (png.interlaced ? "" : " (" + inflated / rowBytes + " of " + info.rows + " rows)"));
        }
    }

    /** The bytes of a PNG's image data once inflated: filter bytes and rows, pass by pass when interlaced (Adam7). */
    static long inflatedSize(ImageInfo info, boolean interlaced) {
        if (!interlaced) {
            return info.rows * (1 + ((long) info.cols * info.bitspPixel + 7) / 8);
        }
        int[][] passes = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
        long total = 0;
        for (int[] p : passes) {
            long cols = info.cols > p[0] ? (info.cols - p[0] + p[2] - 1) / p[2] : 0;
            long rows = info.rows > p[1] ? (info.rows - p[1] + p[3] - 1) / p[3] : 0;
            if (cols > 0 && rows > 0) {
                total += rows * (1 + (cols * info.bitspPixel + 7) / 8);
            }
        }
        return total;
    }

    /** A sample of {@code bits} bits as 0..255: exact for 1, 2 and 4 bits (x 255, 85, 17), high byte for 16. */
    private static int to8(int sample, int bits) {
        return switch (bits) {
            case 1 -> sample * 255;
            case 2 -> sample * 85;
            case 4 -> sample * 17;
            case 16 -> sample >> 8;
            default -> sample;
        };
    }

    private static RgbaImage readJpeg(Path file, JpegDecoder decoder) throws IOException {
        if (decoder == JpegDecoder.AUTO && TurboJpeg.available().isPresent()) {
            return TurboJpeg.available().get().decode(Files.readAllBytes(file));
        }
        return readJpegWithImageIo(file);
    }

    /**
     * ImageIO's decoder, where libjpeg-turbo is not installed. It fills what a truncated or damaged JPEG lacks with
     * grey and says so only as a warning: every warning is taken as the error it is for Squall.
     */
    static RgbaImage readJpegWithImageIo(Path file) throws IOException {
        BufferedImage image;
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new UnreadableImageException("unsupported JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("corrupt or unsupported JPEG: " + e.getMessage(), e);
        }
        if (!warnings.isEmpty()) {
            throw new UnreadableImageException("corrupt JPEG: " + warnings.getFirst()
                    + (warnings.size() > 1 ? " (and " + (warnings.size() - 1) + " more)" : ""));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        checkSize(w, h);
        byte[] rgba = new byte[w * h * 4];
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getDataBuffer() instanceof java.awt.image.DataBufferByte bytes
                && bytes.getNumBanks() == 1 && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            // The common case, straight from the decoder's buffer: B, G, R a pixel.
            byte[] bgr = bytes.getData();
            for (int p = 0, n = w * h; p < n; p++) {
                rgba[4 * p] = bgr[3 * p + 2];
                rgba[4 * p + 1] = bgr[3 * p + 1];
                rgba[4 * p + 2] = bgr[3 * p];
                rgba[4 * p + 3] = (byte) 255;
            }
            return new RgbaImage(w, h, false, rgba);
        }
        boolean grey = raster.getNumBands() == 1;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            if (grey) {
                raster.getSamples(0, y, w, 1, 0, row);
            } else {
                image.getRGB(0, y, w, 1, row, 0, w);
            }
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 4;
                int v = row[x];
                rgba[o] = (byte) (grey ? v : v >> 16);
                rgba[o + 1] = (byte) (grey ? v : v >> 8);
                rgba[o + 2] = (byte) v;
                rgba[o + 3] = (byte) 255;
            }
        }
        return new RgbaImage(w, h, false, rgba);
    }

    private static void checkSize(long w, long h) throws UnreadableImageException {
        if (w * h > RgbaImage.MAX_PIXELS) {
            throw new UnreadableImageException(w + "x" + h + " is more than " + RgbaImage.MAX_PIXELS
                    + " pixels, the most one image may have here");
        }
    }

    /**
     * Writes {@code image} as an 8-bit PNG, RGBA when it has alpha and RGB otherwise, atomically, with zlib level
     * {@code compressionLevel} (0-9), the Sub row filter, compressed on every core ({@link ParallelPng}). Measured on
     * photos (BENCHMARKS.md): Sub at level 1 gives files smaller than libpng's usual no-filter level 6 in a third
     * of the time.
     */
    public static void writePng(Path target, RgbaImage image, int compressionLevel) throws IOException {
        AtomicFile.write(target, (out, channel) -> ParallelPng.write(out, image, compressionLevel));
    }

    /** As {@link #writePng}, leaving the target as it is until the caller commits ({@link AtomicFile#prepare}). */
    public static AtomicFile.Pending preparePng(Path target, RgbaImage image, int compressionLevel) throws IOException {
        return AtomicFile.prepare(target, (out, channel) -> ParallelPng.write(out, image, compressionLevel));
    }
}
