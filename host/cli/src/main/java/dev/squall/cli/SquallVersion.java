package dev.squall.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ({@code dev} when run from classes). */
final class SquallVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Squall.class.getPackage().getImplementationVersion();
        return new String[] {"squall " + (version != null ? version : "dev") + " (Java " + Runtime.version() + ")"};
    }
}
