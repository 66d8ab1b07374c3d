package dev.squall.host.imageio;

import java.io.IOException;

/** An input that is not an image Squall can read: corrupt, truncated, or of an unsupported kind. */
public final class UnreadableImageException extends IOException {
    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
