package dev.squall.cli;

import dev.squall.api.EngineException;
import dev.squall.host.Backend;
import dev.squall.api.Shutdown;
import dev.squall.api.UnwritableTargetException;
import dev.squall.kernels.InvalidParameterException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code squall}: the command line. Exit codes: 0 done, 1 failed, 2 bad input, 3 verification found differences. */
@Command(name = "squall", mixinStandardHelpOptions = true, versionProvider = SquallVersion.class,
        description = "GPU compute engine for the JVM: Mandelbrot on OpenCL and the CPU, verified bit for bit.")
public final class Squall implements Runnable {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_MISMATCH = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What wraps every device a command opens: nothing but the device itself, except in tests, which put faults
     * there (a tile that fails, a pixel a device gets wrong) to see what fallback and --verify make of them.
     */
    static UnaryOperator<Backend> deviceDecorator = UnaryOperator.identity();

    /** The devices a command opened, each through {@link #deviceDecorator}. */
    static List<Backend> decorated(List<Backend> backends) {
        return backends.stream().map(deviceDecorator).toList();
    }

    /**
     * Where stderr goes: a terminal (live progress) or not; only {@link #main} can tell. Asked when a command needs
     * it (a job's progress), not at start: asking libc costs a native call's set-up, about 0.1 s of every start.
     */
    Supplier<StderrTerminal> stderrTerminal = () -> StderrTerminal.NONE;

    public static void main(String... args) {
        Shutdown.install();
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = execute(new PrintWriter(System.out, true), err, StderrTerminal::detect, args);
        } catch (OutOfMemoryError e) {
            // Sizes the engine cannot check before work (a deep zoom's reference orbit and table grow with its
            // iterations): one line, what to do, exit 1; outputs are written only when complete, so none is half.
            err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
            code = EXIT_FAILED;
        }
        System.exit(code);
    }

    /** The line for a run that ran out of Java heap, naming the heap it had. */
    static String outOfMemory(long maxHeap) {
        return String.format(java.util.Locale.ROOT, "squall: out of Java heap (this JVM may use %d MiB): give it more,"
                + " e.g. SQUALL_JAVA_OPTS=-Xmx%dm, or a smaller render; nothing was written", maxHeap >> 20,
                Math.max(1024, 2 * (maxHeap >> 20)));
    }

    /** Runs one command line with the given streams (stderr not a terminal); returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, () -> StderrTerminal.NONE, args);
    }

    private static int execute(PrintWriter out, PrintWriter err, Supplier<StderrTerminal> terminal,
            String... args) {
        Squall squall = new Squall();
        squall.stderrTerminal = terminal;
        CommandLine cli = new CommandLine(squall);
        addSubcommands(cli, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(usageError());
        cli.setExecutionExceptionHandler(failure());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The commands, in the order {@code --help} lists them. */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("devices", DevicesCommand.class);
        commands.put("render", RenderCommand.class);
        commands.put("image", ImageCommand.class);
        commands.put("job", JobCommand.class);
        commands.put("bench", BenchCommand.class);
        commands.put("help", HelpCommand.class);
        return commands;
    }

    /**
     * The command named first on the command line, alone, with its whole model; the others as their names and
     * descriptions only (what {@code squall --help} lists and a mistyped name is matched against). picocli reads
     * every option of a command from its annotations when it is added, about 0.2 s for all of them at every start:
     * a command pays for its own. {@code help COMMAND} gets that command's model.
     */
    private static void addSubcommands(CommandLine cli, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return;    // the version needs no command
        }
        List<String> words = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
        String first = words.isEmpty() ? "" : words.getFirst();
        String named = first.equals("help") && words.size() > 1 ? words.get(1) : first;
        COMMANDS.forEach((name, type) -> {
            if (name.equals(named) || type == HelpCommand.class) {
                cli.addSubcommand(name, type);
            } else {
                cli.addSubcommand(name, new CommandLine(outline(name, type)));
            }
        });
    }

    /** A command's name and description, read from its annotation alone: enough to list it. */
    static CommandLine.Model.CommandSpec outline(String name, Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec outline = CommandLine.Model.CommandSpec.create().name(name);
        outline.usageMessage().description(command.description());
        return outline;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: devices, render, image, job or bench (see squall --help)");
    }

    /** A mistake on the command line: one line naming the bad value, no usage dump, exit 2. */
    private static IParameterExceptionHandler usageError() {
        return (e, args) -> {
            e.getCommandLine().getErr().println("squall: " + e.getMessage());
            return EXIT_USAGE;
        };
    }

    /** Errors while running: bad values found late are still usage errors; the rest fail with exit 1. */
    private static IExecutionExceptionHandler failure() {
        return (e, cli, parseResult) -> {
            PrintWriter err = cli.getErr();
            boolean debug = debug(parseResult);
            if (Shutdown.inProgress() && !debug) {
                return EXIT_FAILED;    // the stop took the files this failed on; its own line says what happened
            }
            if (e instanceof InvalidParameterException invalid) {
                err.println("squall: --" + invalid.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof EngineException engine) {
                // The engine speaks of "device X"; on the command line that is the --device option.
                String message = e.getMessage();
                err.println("squall: " + (engine.reason() == EngineException.Reason.UNAVAILABLE
                        && message.startsWith("device ") ? "--" + message : message));
                return EXIT_USAGE;
            }
            if (e instanceof UsageException || e instanceof UnwritableTargetException) {
                err.println("squall: " + e.getMessage());
                return EXIT_USAGE;
            }
            err.println("squall: " + (e.getMessage() != null ? e.getMessage() : e.toString())
                    + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return EXIT_FAILED;
        };
    }

    private static boolean debug(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
