package dev.squall.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code squall bench compare A.json B.json}: every figure of two results of the same {@code bench} command (device,
 * mandelbrot, sweep), side by side with the ratio B/A. Figures are the numbers of the JSON; devices in lists are
 * matched by their id, so two machines' results line up where they measured the same device, and a figure found in
 * one file only is shown with a dash.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare two JSON results of squall bench (device, mandelbrot, sweep): each figure side by side"
                + " with the ratio B/A.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "2:a file missing, not JSON, or not a squall bench result"})
final class BenchCompareCommand extends CommandBase implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.json", description = "The baseline.")
    Path a;

    @Parameters(index = "1", paramLabel = "B.json", description = "Compared with A: the ratio is B/A.")
    Path b;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Double> left = figures(a);
        Map<String, Double> right = figures(b);
        Map<String, Double[]> rows = new LinkedHashMap<>();
        left.forEach((path, value) -> rows.put(path, new Double[] {value, right.get(path)}));
        right.forEach((path, value) -> rows.putIfAbsent(path, new Double[] {null, value}));
        int width = Math.max(6, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.printf(Locale.ROOT, "A: %s%nB: %s%n", a, b);
        out.printf(Locale.ROOT, "%-" + width + "s %14s %14s %9s%n", "figure", "A", "B", "B/A");
        rows.forEach((path, pair) -> out.printf(Locale.ROOT, "%-" + width + "s %14s %14s %9s%n", path,
                number(pair[0]), number(pair[1]),
                pair[0] != null && pair[1] != null && pair[0] != 0
                        ? String.format(Locale.ROOT, "%.3f", pair[1] / pair[0]) : "-"));
        return 0;
    }

    /** The numbers of a result file by their path (devices[opencl:0:0].fp32_gflops); the machine's are left out. */
    private static Map<String, Double> figures(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: \"" + file + "\"");
        } catch (JsonProcessingException e) {
            throw new UsageException("\"" + file + "\" is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !(root.has("devices") || root.has("giter_per_s")
                || root.has("series"))) {
            throw new UsageException("\"" + file + "\" is not a squall bench result (no devices, giter_per_s or"
                    + " series)");
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        collect("", root, figures);
        return figures;
    }

    private static void collect(String path, JsonNode node, Map<String, Double> figures) {
        if (node.isNumber()) {
            figures.put(path, node.asDouble());
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                if (!e.getKey().equals("environment")) {
                    collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), figures);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String key = item.has("device") && item.get("device").isTextual()
                        ? item.get("device").asText() + (item.has("label") ? " " + item.get("label").asText() : "")
                        : Integer.toString(i);
                collect(path + "[" + key + "]", item, figures);
            }
        }
    }

    private static String number(Double value) {
        if (value == null) {
            return "-";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%d", value.longValue())
                : String.format(Locale.ROOT, "%.4g", value);
    }
}
