package dev.squall.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that does work has: its spec (for its streams) and {@code --debug}. */
abstract class CommandBase {
    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;
}
