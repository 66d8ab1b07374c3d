package dev.squall.host;

/**
 * A device failed while running work (an OpenCL error, a lost device): the work itself was fine and can be done
 * again elsewhere. Mistakes in the request or bugs are other exceptions, never retried.
 */
public class DeviceException extends RuntimeException {
    /**
     * A device failure, told in one line.
     *
     * @param message what failed and on which device, such as the OpenCL call and its status
     */
    public DeviceException(String message) {
        super(message);
    }
}
