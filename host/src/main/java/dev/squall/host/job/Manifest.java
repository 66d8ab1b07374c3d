package dev.squall.host.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The record of a job's output folder: {@code squall-manifest.json} says which job the folder belongs to
 * ({@link JobIdentity}), and every finished frame has a small record of its own in {@code .squall-frames/}
 * ({@code frame-00001.png.json}: its file's size, CRC-32 and parameters). Readers merge the records.
 * <p>
 * One record a frame means many writers (runs, shards, nodes on a shared file system) never write the same file:
 * a frame's record is written only by the run that holds the frame's claim, atomically (a temporary file renamed),
 * and a reader sees the old record or the new one, never a part. No lock is taken to record a frame, and the cost of
 * recording one does not grow with the job (a single manifest rewritten per frame did: O(frames) each time). Should
 * two runs ever write one frame at once (a file system whose locks are not shared between nodes), both write the same
 * bytes, since every backend is exact: the rename leaves one whole copy either way.
 * <p>
 * A folder written by an earlier version (version 1: the frames listed in the manifest itself) is read as it is and
 * turned into records the first time a run plans on it ({@link #upgrade}).
 */
final class Manifest {
    static final String FILE_NAME = "squall-manifest.json";
    /** The folder of per-frame records, inside the output folder. */
    static final String RECORDS = ".squall-frames";
    private static final int VERSION = 2;
    private static final int LISTED_FRAMES = 1;
    private static final String RECORD_SUFFIX = ".json";
    /** Temporary names of records being written (AtomicFile's). */
    static final Pattern TEMPORARY_RECORD = Pattern.compile("\\..+\\.json\\.[0-9a-z]+\\.part");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** The job a folder belongs to: its frame count, format and a SHA-256 of every frame's parameters in order. */
    record JobIdentity(int frames, String format, String digest) {
    }

    /** The manifest file: version 2 holds the job only; version 1 listed the frames too. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record Document(int version, JobIdentity job, List<FrameRecord> frames) {
    }

    private final Path dir;
    private final TreeMap<String, FrameRecord> frames = new TreeMap<>();
    /** Records that could not be read (edited by hand, cut short by a full disk): their frames are redone. */
    private final List<String> unreadable = new ArrayList<>();
    /** Null in a manifest written before jobs were recorded, or not yet given one. */
    private JobIdentity job;
    /** Whether the file on disk is version 1 (frames listed in it), to be turned into records. */
    private boolean listed;

    private Manifest(Path dir) {
        this.dir = dir;
    }

    static Manifest empty(Path dir) {
        return new Manifest(dir);
    }

    /**
     * The manifest and frame records in {@code dir}, or empty when there is neither. A manifest that cannot be read
     * (edited by hand, a newer format) is an {@link IOException} saying why; the caller decides whether to start
     * afresh. A record that cannot be read is left out and named in {@link #unreadable()}.
     */
    static Optional<Manifest> read(Path dir) throws IOException {
        Manifest manifest = new Manifest(dir);
        Path file = dir.resolve(FILE_NAME);
        boolean any = false;
        if (Files.exists(file)) {
            any = true;
            Document document;
            try {
                document = MAPPER.readValue(file.toFile(), Document.class);
            } catch (IOException e) {
                throw new IOException(file + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            if (document == null || (document.version() != VERSION && document.version() != LISTED_FRAMES)
                    || (document.version() == LISTED_FRAMES && document.frames() == null)) {
                throw new IOException(file + " is not a version " + VERSION + " manifest");
            }
            if (document.version() == LISTED_FRAMES) {
                manifest.listed = true;
                for (FrameRecord record : document.frames()) {
                    if (!complete(record)) {
                        throw new IOException(file + " has an incomplete frame entry: " + record);
                    }
                    manifest.frames.put(record.file(), record);
                }
            }
            manifest.job = document.job();
        }
        Path records = dir.resolve(RECORDS);
        if (Files.isDirectory(records)) {
            any = true;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(records, "*" + RECORD_SUFFIX)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;    // a temporary file being written
                    }
                    String frame = name.substring(0, name.length() - RECORD_SUFFIX.length());
                    Optional<FrameRecord> record;
                    try {
                        record = parse(entry, frame);
                    } catch (NoSuchFileException e) {
                        continue;    // removed since the listing (a job being adopted)
                    }
                    if (record.isPresent()) {
                        manifest.frames.put(frame, record.get());
                    } else {
                        manifest.unreadable.add(name);
                    }
                }
            }
        }
        return any ? Optional.of(manifest) : Optional.empty();
    }

    /**
     * The record of frame file {@code fileName} as it is on disk now; empty when there is none or it is unreadable.
     * For a folder a run has planned on (so upgraded: {@link #upgrade}).
     */
    static Optional<FrameRecord> record(Path dir, String fileName) throws IOException {
        try {
            return parse(dir.resolve(RECORDS).resolve(fileName + RECORD_SUFFIX), fileName);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Optional<FrameRecord> parse(Path entry, String fileName) throws IOException {
        FrameRecord record;
        try {
            record = MAPPER.readValue(entry.toFile(), FrameRecord.class);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (!Files.exists(entry)) {
                throw new NoSuchFileException(entry.toString());
            }
            return Optional.empty();
        }
        return complete(record) && record.file().equals(fileName) ? Optional.of(record) : Optional.empty();
    }

    private static boolean complete(FrameRecord record) {
        return record != null && record.file() != null && record.crc32() != null && record.parameters() != null;
    }

    /** Writes frame {@code record.file()}'s record, atomically; the caller holds the frame's claim. */
    static void put(Path dir, FrameRecord record) throws IOException {
        Path records = Files.createDirectories(dir.resolve(RECORDS));
        AtomicFile.writeFile(records.resolve(record.file() + RECORD_SUFFIX),
                (out, channel) -> MAPPER.writeValue(out, record));
    }

    Optional<FrameRecord> get(String fileName) {
        return Optional.ofNullable(frames.get(fileName));
    }

    Collection<FrameRecord> records() {
        return List.copyOf(frames.values());
    }

    /** Record files that could not be read, by name. */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** Deletes frame {@code fileName}'s record (a frame no longer the job's); its file is left. */
    void remove(String fileName) throws IOException {
        frames.remove(fileName);
        Files.deleteIfExists(dir.resolve(RECORDS).resolve(fileName + RECORD_SUFFIX));
    }

    Optional<JobIdentity> job() {
        return Optional.ofNullable(job);
    }

    /** Records the job the folder belongs to, replacing the manifest file atomically. */
    void job(JobIdentity identity) throws IOException {
        upgrade();
        this.job = identity;
        AtomicFile.writeFile(dir.resolve(FILE_NAME),
                (out, channel) -> MAPPER.writeValue(out, new Document(VERSION, job, null)));
    }

    /**
     * Turns a version 1 manifest's listed frames into records (those without one), then the manifest into version
     * 2; nothing when it is version 2 already. Under the manifest lock: every run plans under it.
     */
    void upgrade() throws IOException {
        if (!listed) {
            return;
        }
        Path records = dir.resolve(RECORDS);
        for (FrameRecord record : frames.values()) {
            if (!Files.exists(records.resolve(record.file() + RECORD_SUFFIX))) {
                put(dir, record);
            }
        }
        listed = false;
        AtomicFile.writeFile(dir.resolve(FILE_NAME),
                (out, channel) -> MAPPER.writeValue(out, new Document(VERSION, job, null)));
    }

    /** Whether the manifest on disk lists frames itself (version 1, not yet upgraded). */
    boolean listsFrames() {
        return listed;
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
}
