package dev.squall.host.device;

/** The device a user named explicitly is not there or cannot run the request: a usage error, not a crash. */
public final class DeviceUnavailableException extends RuntimeException {
    public DeviceUnavailableException(String message) {
        super(message);
    }

    /** The same, with what the device said ({@code cause}: a refusal of the kernel). */
    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
