package dev.squall.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An OpenCL C program kept as a classpath resource next to the kernel's Java reference. */
public record KernelSource(String name, String text) {

    /** Loads {@code resource}, a path relative to {@code owner}'s package. */
    public static KernelSource load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + resource + " missing beside " + owner.getName());
            }
            return new KernelSource(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + resource, e);
        }
    }
}
