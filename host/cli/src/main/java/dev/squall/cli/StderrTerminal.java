package dev.squall.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Whether the user sees stderr on a terminal, and how wide it is: for a live progress bar there, plain lines
 * elsewhere. {@code ./squall} filters the JVM's stderr through a pipe, so it says so itself
 * ({@code -Dsquall.stderr.terminal=true} or {@code false}, {@code -Dsquall.stderr.columns=N}); a JVM started by
 * hand asks {@code isatty(2)}.
 */
record StderrTerminal(boolean isTerminal, int columns) {
    static final StderrTerminal NONE = new StderrTerminal(false, 0);
    private static final int DEFAULT_COLUMNS = 80;

    static StderrTerminal detect() {
        String said = System.getProperty("squall.stderr.terminal");
        if (said != null ? !Boolean.parseBoolean(said) : !isatty(2)) {
            return NONE;
        }
        int columns = Integer.getInteger("squall.stderr.columns", 0);
        if (columns <= 0) {
            try {
                columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            } catch (NumberFormatException e) {
                columns = DEFAULT_COLUMNS;
            }
        }
        return new StderrTerminal(true, columns > 0 ? columns : DEFAULT_COLUMNS);
    }

    /** libc's isatty; false wherever it cannot be called. */
    private static boolean isatty(int fd) {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) isatty.invokeExact(fd) == 1;
        } catch (Throwable e) {
            return false;
        }
    }
}
