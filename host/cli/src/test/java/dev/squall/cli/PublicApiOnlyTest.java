package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line is picocli commands over the engine's public API, nothing more: its sources import from the
 * engine only the packages the engine's module exports (the API, {@code dev.squall.api} and
 * {@code dev.squall.api.bench}; the device SPI, {@code dev.squall.host} and {@code dev.squall.host.tiling}) and the
 * kernels. The CLI runs on the class path, where exports are not enforced, so this test enforces them.
 */
class PublicApiOnlyTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.squall\\.[\\w.]+)\\.[\\w*]+;",
            Pattern.MULTILINE);
    private static final List<String> EXPORTED = List.of("dev.squall.api", "dev.squall.api.bench",
            "dev.squall.host", "dev.squall.host.tiling");

    @Test
    void theCommandLineImportsOnlyExportedPackages() throws IOException {
        Path sources = Path.of("src/main/java/dev/squall/cli");
        StringBuilder internal = new StringBuilder();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String pkg = m.group(1);
                    if (!pkg.startsWith("dev.squall.kernels") && !pkg.startsWith("dev.squall.cli")
                            && !EXPORTED.contains(pkg)) {
                        internal.append(file.getFileName()).append(": ").append(m.group()).append('\n');
                    }
                }
            }
        }
        assertEquals("", internal.toString(), "engine internals imported by the command line");
    }
}
