package dev.squall.cli;

import picocli.CommandLine.Mixin;

/** What every measuring {@code bench} command has beyond {@link CommandBase}: {@code --runs} and {@code --warmup}. */
abstract class BenchBase extends CommandBase {
    @Mixin
    RunsOptions repeat;
}
