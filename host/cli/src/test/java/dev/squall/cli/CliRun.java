package dev.squall.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line: exit code and everything printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Squall.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** That the command line refused its input: exit 2, and exactly {@code expected} on stderr. */
    void assertRefused(String expected) {
        org.junit.jupiter.api.Assertions.assertEquals(2, exitCode, this::toString);
        org.junit.jupiter.api.Assertions.assertEquals(expected, err, this::toString);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
