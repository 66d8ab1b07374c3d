package dev.squall.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * An OpenCL C program kept as a classpath resource next to the kernel's Java reference.
 *
 * @param name the resource's path as given to {@link #load} ({@code mandelbrot.cl}), naming the source in build errors
 * @param text the whole OpenCL C source, decoded as UTF-8
 */
public record KernelSource(String name, String text) {

    /**
     * Loads {@code resource}, a path relative to {@code owner}'s package.
     *
     * @param owner a class in the package that holds the resource (the kernel's own class)
     * @param resource the file's path relative to that package, such as {@code mandelbrot.cl}
     * @return the source, named {@code resource}
     * @throws IllegalStateException when there is no such resource beside {@code owner}
     * @throws java.io.UncheckedIOException when the resource cannot be read
     */
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
