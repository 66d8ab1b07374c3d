package dev.squall.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall job ...}: many frames described by one JSON file. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Render the frames a JSON job file describes (a rerun resumes), or say where they stand.",
        subcommands = {JobRunCommand.class, JobStatusCommand.class})
final class JobCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "job needs a command: run or status");
    }
}
