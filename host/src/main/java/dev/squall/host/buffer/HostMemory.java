package dev.squall.host.buffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much memory an off-heap buffer may take here: checked before allocating, so that a too-large image is a clear error. */
public final class HostMemory {
    private HostMemory() {
    }

    /**
     * Bytes that can be allocated without swapping: Linux's MemAvailable (free memory plus what the page cache can give
     * back), else the total physical memory the JVM sees (container limits included).
     */
    public static long available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unusual /proc: fall through to the JVM's view
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /** {@code bytes} in the largest binary unit that keeps it at least 1 (B, KiB ... TiB), for messages. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** {@code bytes} in GiB with two decimals, for messages. */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
