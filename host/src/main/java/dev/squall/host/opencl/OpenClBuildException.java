package dev.squall.host.opencl;

/** A program that did not compile for a device; the message ends with the compiler's build log. */
public final class OpenClBuildException extends OpenClException {
    private final String buildLog;

    OpenClBuildException(int status, String device, String source, String options, String buildLog) {
        super("clBuildProgram", status, device,
                " building " + source + " with options \"" + options + "\"; build log:\n" + buildLog.strip());
        this.buildLog = buildLog;
    }

    public String buildLog() {
        return buildLog;
    }
}
