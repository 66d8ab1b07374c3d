package dev.squall.host.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code squall-manifest.json} in a job's output folder: every frame file the job has finished, with its checksum and
 * parameters, by file name. Rewritten whole and atomically after each frame, so a reader (or a killed run) sees the
 * previous version or the next, never a part. Entries for files of other jobs' formats or frame counts are kept.
 */
final class Manifest {
    static final String FILE_NAME = "squall-manifest.json";
    private static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private record Document(int version, List<FrameRecord> frames) {
    }

    private final Path file;
    private final TreeMap<String, FrameRecord> frames = new TreeMap<>();

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

    /** Replaces the file on disk with this manifest, atomically. */
    void write() throws IOException {
        Document document = new Document(VERSION, new ArrayList<>(frames.values()));
        AtomicFile.write(file, (out, channel) -> MAPPER.writeValue(out, document));
    }
}
