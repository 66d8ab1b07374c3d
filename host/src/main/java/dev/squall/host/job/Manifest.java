package dev.squall.host.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code squall-manifest.json} in a job's output folder: the job the folder belongs to ({@link JobIdentity}) and every
 * frame file finished, with its checksum and parameters, by file name. Rewritten whole and atomically after each
 * frame, so a reader (or a killed run) sees the previous version or the next, never a part; runs sharing the folder
 * read, change and write it under {@link JobFolder}'s manifest lock, so that none loses another's entries.
 */
final class Manifest {
    static final String FILE_NAME = "squall-manifest.json";
    private static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** The job a folder belongs to: its frame count, format and a SHA-256 of every frame's parameters in order. */
    record JobIdentity(int frames, String format, String digest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Document(int version, JobIdentity job, List<FrameRecord> frames) {
    }

    private final Path file;
    private final TreeMap<String, FrameRecord> frames = new TreeMap<>();
    /** Null in a manifest written before jobs were recorded, or not yet given one. */
    private JobIdentity job;

    private Manifest(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    static Manifest empty(Path dir) {
        return new Manifest(dir);
    }

    /**
     * The manifest in {@code dir}, or empty when there is none. One that cannot be read (edited by hand, a newer
     * format) is an {@link IOException} saying why; the caller decides whether to start afresh.
     */
    static Optional<Manifest> read(Path dir) throws IOException {
        Manifest manifest = new Manifest(dir);
        if (!Files.exists(manifest.file)) {
            return Optional.empty();
        }
        Document document;
        try {
            document = MAPPER.readValue(manifest.file.toFile(), Document.class);
        } catch (IOException e) {
            throw new IOException(manifest.file + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (document == null || document.version() != VERSION || document.frames() == null) {
            throw new IOException(manifest.file + " is not a version " + VERSION + " manifest");
        }
        for (FrameRecord record : document.frames()) {
            if (record == null || record.file() == null || record.crc32() == null || record.parameters() == null) {
                throw new IOException(manifest.file + " has an incomplete frame entry: " + record);
            }
            manifest.frames.put(record.file(), record);
        }
        manifest.job = document.job();
        return Optional.of(manifest);
    }

    Optional<FrameRecord> get(String fileName) {
        return Optional.ofNullable(frames.get(fileName));
    }

    void put(FrameRecord record) {
        frames.put(record.file(), record);
    }

    int size() {
        return frames.size();
    }

    Collection<FrameRecord> records() {
        return List.copyOf(frames.values());
    }

    void remove(String fileName) {
        frames.remove(fileName);
    }

    Optional<JobIdentity> job() {
        return Optional.ofNullable(job);
    }

    void job(JobIdentity identity) {
        this.job = identity;
    }

    /** The identity of {@code job}: equal for two jobs exactly when they have the same frames, format and order. */
    static JobIdentity identity(Job job) {
        List<FrameParameters> parameters = new ArrayList<>(job.frames().size());
        for (var params : job.frames()) {
            parameters.add(FrameParameters.of(params, job.format()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(MAPPER.writeValueAsBytes(parameters));
            return new JobIdentity(job.frames().size(), job.format().label(), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("SHA-256 of a job's parameters", e);
        }
    }

    /**
     * What identifies the manifest file in {@code dir} now (device and inode, size, time), or null when there is
     * none: every write renames a new file in, so another run's write changes it.
     */
    static Object key(Path dir) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(FILE_NAME), BasicFileAttributes.class);
            return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Replaces the file on disk with this manifest, atomically. */
    void write() throws IOException {
        Document document = new Document(VERSION, job, new ArrayList<>(frames.values()));
        AtomicFile.writeFile(file, (out, channel) -> MAPPER.writeValue(out, document));
    }
}
