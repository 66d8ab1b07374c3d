package dev.squall.host.opencl;

import dev.squall.host.DeviceException;
import org.jocl.CL;

/** An OpenCL call that returned an error: keeps the status code, the call and the device it happened on. */
public class OpenClException extends DeviceException {
    private final int status;

    public OpenClException(String call, int status, String device) {
        this(call, status, device, "");
    }

    protected OpenClException(String call, int status, String device, String detail) {
        super("OpenCL error " + CL.stringFor_errorCode(status) + " (" + status + ") in " + call
                + (device.isEmpty() ? "" : " on " + device) + detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Throws unless {@code status} is {@code CL_SUCCESS}. */
    static void check(int status, String call, String device) {
        if (status != CL.CL_SUCCESS) {
            throw new OpenClException(call, status, device);
        }
    }
}
