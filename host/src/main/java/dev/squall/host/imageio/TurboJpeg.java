package dev.squall.host.imageio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * JPEG decoding through libjpeg-turbo's TurboJPEG API (Debian: libturbojpeg0), called with FFM: about ten times
 * faster than ImageIO's decoder on photos (BENCHMARKS.md). Optional: where the library is missing,
 * {@link #available()} is empty and ImageIO decodes (as it does when the caller asks for ImageIO:
 * {@link ImageFiles.JpegDecoder#IMAGEIO}).
 */
final class TurboJpeg {
    /** TJPF_RGBA: R, G, B, A bytes, alpha set to 255. */
    private static final int TJPF_RGBA = 7;

    private final MethodHandle init;
    private final MethodHandle header;
    private final MethodHandle decompress;
    private final MethodHandle destroy;
    private final MethodHandle error;

    private static final Optional<TurboJpeg> INSTANCE = load();

    private TurboJpeg(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        ValueLayout.OfLong size = ValueLayout.JAVA_LONG;
        var address = ValueLayout.ADDRESS;
        init = linker.downcallHandle(lib.findOrThrow("tjInitDecompress"), FunctionDescriptor.of(address));
        header = linker.downcallHandle(lib.findOrThrow("tjDecompressHeader3"),
                FunctionDescriptor.of(i, address, address, size, address, address, address, address),
                Linker.Option.critical(true));
        // critical(true): the decoder writes straight into the Java array (no copy); no GC runs meanwhile.
        decompress = linker.downcallHandle(lib.findOrThrow("tjDecompress2"),
                FunctionDescriptor.of(i, address, address, size, address, i, i, i, i, i),
                Linker.Option.critical(true));
        destroy = linker.downcallHandle(lib.findOrThrow("tjDestroy"), FunctionDescriptor.of(i, address));
        error = linker.downcallHandle(lib.findOrThrow("tjGetErrorStr2"), FunctionDescriptor.of(address, address));
    }

    private static Optional<TurboJpeg> load() {
        try {
            return Optional.of(new TurboJpeg(SymbolLookup.libraryLookup("libturbojpeg.so.0", Arena.global())));
        } catch (IllegalArgumentException | java.util.NoSuchElementException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    static Optional<TurboJpeg> available() {
        return INSTANCE;
    }

    /** Decodes {@code jpeg} to RGBA8; throws {@link UnreadableImageException} with libjpeg-turbo's message. */
    RgbaImage decode(byte[] jpeg) throws UnreadableImageException {
        try {
            MemorySegment handle = (MemorySegment) init.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new UnreadableImageException("libjpeg-turbo could not start a decoder");
            }
            try {
                MemorySegment source = MemorySegment.ofArray(jpeg);
                MemorySegment dims = MemorySegment.ofArray(new int[4]);
                int status = (int) header.invokeExact(handle, source, (long) jpeg.length, dims,
                        dims.asSlice(4), dims.asSlice(8), dims.asSlice(12));
                if (status != 0) {
                    throw new UnreadableImageException("corrupt JPEG: " + message(handle));
                }
                int width = dims.getAtIndex(ValueLayout.JAVA_INT, 0);
                int height = dims.getAtIndex(ValueLayout.JAVA_INT, 1);
                if ((long) width * height > RgbaImage.MAX_PIXELS) {
                    throw new UnreadableImageException(width + "x" + height + " is more than " + RgbaImage.MAX_PIXELS
                            + " pixels, the most one image may have here");
                }
                byte[] rgba = new byte[width * height * 4];
                status = (int) decompress.invokeExact(handle, source, (long) jpeg.length,
                        MemorySegment.ofArray(rgba), width, width * 4, height, TJPF_RGBA, 0);
                if (status != 0) {
                    throw new UnreadableImageException("corrupt or unsupported JPEG: " + message(handle));
                }
                return new RgbaImage(width, height, false, rgba);
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libjpeg-turbo call failed", t);
        }
    }

    private String message(MemorySegment handle) throws Throwable {
        MemorySegment text = (MemorySegment) error.invokeExact(handle);
        return text.reinterpret(1024).getString(0);
    }
}
