package dev.squall.cli;

import picocli.CommandLine.Option;

/** {@code --debug}: stack traces for our own failures (never needed for a user's mistake). */
final class DebugOption {
    @Option(names = "--debug", description = "Show stack traces of failures.")
    boolean debug;
}
