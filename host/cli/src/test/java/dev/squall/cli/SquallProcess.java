package dev.squall.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code squall} in a JVM of its own, started with the launcher's flags: for what only a new process can show, such
 * as the OpenCL ICD loader reading its environment once, at start. Like ./squall, it drops the one line the JVM
 * prints for the incubating Vector API (scripts/launcher-test.sh checks the launcher itself).
 */
final class SquallProcess {
    static final String INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    private SquallProcess() {
    }

    static CliRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, List.of(), args);
    }

    /** With {@code jvmOptions} after the launcher's own, as {@code SQUALL_JAVA_OPTS} would add them. */
    static CliRun run(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return measured(env, jvmOptions, args).run();
    }

    /** A run and the most resident memory its process held (Linux's VmHWM, read while it ran; 0 elsewhere). */
    record Measured(CliRun run, long peakResidentBytes) {
    }

    /** A run whose standard output is kept as bytes (an image or counts written to {@code -}). */
    record Bytes(int exitCode, byte[] out, String err) {
    }

    static Bytes runBytes(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Process process = builder(env, jvmOptions, args).start();
        process.getOutputStream().close();
        return finish(process, args);
    }

    /** Reads what {@code process} prints (stderr on a thread of its own) until it ends, within two minutes. */
    private static Bytes finish(Process process, String... args) throws IOException, InterruptedException {
        var err = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                err.complete(process.getErrorStream().readAllBytes());
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("squall did not finish: " + List.of(args));
        }
        return new Bytes(process.exitValue(), out,
                new String(err.join(), StandardCharsets.UTF_8).replace(INCUBATOR_WARNING, ""));
    }

    /** Starts squall with its output and errors going to files, for tests that signal it while it runs. */
    static Process start(List<String> jvmOptions, Path out, Path err, String... args) throws IOException {
        return builder(Map.of(), jvmOptions, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    /** What a squall's stderr file holds, less the JVM's one line about the incubating Vector API. */
    static String errors(Path err) throws IOException {
        return Files.readString(err).replace(INCUBATOR_WARNING, "");
    }

    private static ProcessBuilder builder(Map<String, String> env, List<String> jvmOptions, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "--add-modules", "jdk.incubator.vector"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Squall.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // As ./squall does: the JVM's signal-chaining library, so that PoCL's LLVM cannot take over SIGSEGV.
        builder.environment().put("LD_PRELOAD", Path.of(System.getProperty("java.home"), "lib", "libjsig.so").toString());
        builder.environment().putAll(env);
        return builder;
    }

    static Measured measured(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Process process = builder(env, jvmOptions, args).start();
        process.getOutputStream().close();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        AtomicLong peak = new AtomicLong();
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (process.isAlive()) {
                peak.accumulateAndGet(highWaterMark(status), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Bytes run = finish(process, args);
        watcher.join();
        return new Measured(new CliRun(run.exitCode(), new String(run.out(), StandardCharsets.UTF_8), run.err()),
                peak.get());
    }

    /** VmHWM of a live process in bytes, or 0 once it is gone (or not on Linux). */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two reads
        }
        return 0;
    }
}
