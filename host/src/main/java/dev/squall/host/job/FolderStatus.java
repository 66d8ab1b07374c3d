package dev.squall.host.job;

import dev.squall.api.FrameSelection;
import dev.squall.api.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Reads where a job's frames stand without changing anything: no folder made, no lock file made, no record
 * upgraded. Frames a live run has claimed are marked as being rendered (a claim is tried and let go at once).
 */
public final class FolderStatus {
    private FolderStatus() {
    }

    /**
     * The status of {@code selection}'s frames of {@code job}; {@code notice} hears why records could not be read
     * (their frames then count as not done).
     */
    public static JobStatus read(Job job, FrameSelection selection, Consumer<String> notice) throws IOException {
        Manifest manifest = Manifest.empty(job.dir());
        if (Files.isDirectory(job.dir())) {
            try {
                manifest = Manifest.read(job.dir()).orElse(manifest);
            } catch (IOException e) {
                notice.accept(e.getMessage() + ": no frame counts as done");
            }
            if (!manifest.unreadable().isEmpty()) {
                notice.accept(manifest.unreadable().size() + " frame record(s) in "
                        + job.dir().resolve(Manifest.RECORDS) + " cannot be read: " + manifest.unreadable());
            }
        }
        Manifest records = manifest;
        List<JobStatus.Frame> frames;
        try {
            // Checksums of many files: in parallel, for folders on network file systems.
            frames = IntStream.range(0, job.frames().size()).filter(selection::contains).parallel()
                    .mapToObj(i -> frame(job, records, i)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new JobStatus(job.dir(), job.frames().size(), selection, claimed(job, frames));
    }

    private static JobStatus.Frame frame(Job job, Manifest manifest, int i) {
        String name = job.fileName(i);
        Optional<FrameRecord> record = manifest.get(name);
        try {
            JobStatus.State state = switch (JobPlan.state(job, record, i)) {
                case DONE -> JobStatus.State.DONE;
                case CHANGED -> JobStatus.State.CHANGED;
                case MISSING -> JobStatus.State.MISSING;
                case DAMAGED -> JobStatus.State.DAMAGED;
                case NEW, FORCED -> JobStatus.State.NOT_DONE;
            };
            return new JobStatus.Frame(i, name, state, false, record.map(FrameRecord::bytes).orElse(-1L),
                    record.map(FrameRecord::crc32).orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The frames not done marked as being rendered where a live run holds their claim. */
    private static List<JobStatus.Frame> claimed(Job job, List<JobStatus.Frame> frames) {
        Path lock = job.dir().resolve(JobFolder.LOCK_FILE);
        if (!Files.isRegularFile(lock) || !Files.isWritable(lock)) {
            return frames;    // never run here, or read-only: no run can be live on it
        }
        try (JobFolder folder = JobFolder.open(job.dir())) {
            return frames.stream().map(f -> {
                if (f.state() == JobStatus.State.DONE) {
                    return f;
                }
                try {
                    Optional<JobFolder.Claim> claim = folder.tryClaim(f.frame());
                    if (claim.isEmpty()) {
                        return new JobStatus.Frame(f.frame(), f.file(), f.state(), true, f.bytes(), f.crc32());
                    }
                    claim.get().close();
                    return f;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException | UncheckedIOException e) {
            return frames;
        }
    }
}
