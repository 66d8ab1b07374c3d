package dev.squall.host.job;

import dev.squall.api.FileKind;
import dev.squall.api.FrameSelection;
import dev.squall.host.imageio.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run of a job has to do: the output folder made and joined (its locks, {@link JobFolder}), temporary files
 * that killed runs left removed, the folder's manifest read and checked to belong to this job, and each frame found
 * done (skipped) or to render, with the reason.
 */
public final class JobPlan implements AutoCloseable {

    /**
     * AtomicFile's temporary names for the files a job writes: {@code .frame-00001.png.k3j9x2.part} and the
     * manifest's. Those whose writer is gone (their lock is free) are removed; nothing else in the folder is touched.
     */
    private static final Pattern TEMPORARY = Pattern.compile(
            "\\.(frame-\\d{5,}\\.(png|u32|npy)|" + Pattern.quote(Manifest.FILE_NAME) + ")\\.[0-9a-z]+\\.part");

    private final Job job;
    private final FrameSelection selection;
    private final Manifest.JobIdentity identity;
    private final boolean forced;
    private final JobFolder folder;
    private final List<Integer> todo;
    private final Map<FrameState, Integer> states;
    /** Whether there was a manifest to resume from (never with {@code --force}). */
    private final boolean resumed;

    private JobPlan(Job job, FrameSelection selection, Manifest.JobIdentity identity, boolean forced, JobFolder folder,
            List<Integer> todo, Map<FrameState, Integer> states, boolean resumed) {
        this.job = job;
        this.selection = selection;
        this.identity = identity;
        this.forced = forced;
        this.folder = folder;
        this.todo = List.copyOf(todo);
        this.states = Map.copyOf(states);
        this.resumed = resumed;
    }

    /**
     * Makes the output folder, joins it, removes abandoned temporary files, and checks every selected frame against
     * its record: a frame is skipped when it is recorded with the same parameters and its file has the recorded size
     * and CRC-32. With {@code force}, every selected frame is redone. Frames outside {@code selection} (another
     * shard's) are not looked at. {@code notice} gets a line for what the user should know (a
     * manifest that cannot be read and is started afresh, temporary files removed, frames no longer in the job).
     *
     * @throws JobConflictException when the folder holds frames of another job (unless {@code force}), or another
     *     run of another job is writing it now
     */
    public static JobPlan prepare(Job job, FrameSelection selection, boolean force, Consumer<String> notice)
            throws IOException {
        Files.createDirectories(job.dir());
        JobFolder folder = JobFolder.open(job.dir());
        try {
            return folder.underManifestLock(() -> prepare(job, selection, folder, force, notice));
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    private static JobPlan prepare(Job job, FrameSelection selection, JobFolder folder, boolean force,
            Consumer<String> notice) throws IOException {
        int removed = AtomicFile.removeAbandoned(job.dir(), name -> TEMPORARY.matcher(name).matches());
        Path records = job.dir().resolve(Manifest.RECORDS);
        if (Files.isDirectory(records)) {
            removed += AtomicFile.removeAbandoned(records, name -> Manifest.TEMPORARY_RECORD.matcher(name).matches());
        }
        if (removed > 0) {
            notice.accept("removed " + removed + " temporary file" + (removed == 1 ? "" : "s")
                    + " that interrupted runs left in " + job.dir());
        }
        Optional<Manifest> read;
        try {
            read = Manifest.read(job.dir());
        } catch (IOException e) {
            notice.accept(e.getMessage() + "; starting a new one, every frame will be redone");
            read = Optional.of(Manifest.empty(job.dir()));
        }
        Manifest manifest = read.orElseGet(() -> Manifest.empty(job.dir()));
        List<String> unreadable = manifest.unreadable();
        if (!unreadable.isEmpty()) {
            notice.accept(unreadable.size() + " frame record" + (unreadable.size() == 1 ? "" : "s") + " in "
                    + job.dir().resolve(Manifest.RECORDS) + " cannot be read (" + unreadable.getFirst()
                    + (unreadable.size() > 1 ? " ..." : "") + "): " + (unreadable.size() == 1 ? "its frame is"
                    : "their frames are") + " redone");
        }
        Manifest.JobIdentity identity = Manifest.identity(job);
        if (manifest.job().filter(identity::equals).isPresent()) {
            if (!folder.joinRun()) {
                throw new JobConflictException("another run is changing what job " + job.dir() + " belongs to;"
                        + " try again when it has started");
            }
            manifest.upgrade();    // a version 1 folder of this job: its listed frames become records
        } else {
            boolean alone = folder.aloneRun(() -> {
                adopt(job, manifest, identity, force, notice);
                return null;
            });
            if (!alone) {
                throw new JobConflictException("another squall job run is writing " + job.dir() + " for a different"
                        + " job (other frames, views, sizes or format); wait for it to end, or choose another"
                        + " output.dir");
            }
        }
        List<Integer> todo = new ArrayList<>();
        Map<FrameState, Integer> states = new EnumMap<>(FrameState.class);
        for (int i = 0; i < job.frames().size(); i++) {
            if (!selection.contains(i)) {
                continue;
            }
            Path frame = job.dir().resolve(job.fileName(i));
            if (Files.exists(frame, LinkOption.NOFOLLOW_LINKS) && FileKind.of(frame) != FileKind.REGULAR) {
                throw new JobConflictException(frame + " is " + FileKind.of(frame).label() + ", not a regular"
                        + " file: a job writes its frames as files (remove it, or choose another output.dir)");
            }
            FrameState state = force ? FrameState.FORCED : state(job, manifest.get(job.fileName(i)), i);
            states.merge(state, 1, Integer::sum);
            if (state != FrameState.DONE) {
                todo.add(i);
            }
        }
        return new JobPlan(job, selection, identity, force, folder, todo, states, read.isPresent() && !force);
    }

    /**
     * Makes the folder this job's: refuses (unless {@code force}) when it holds a frame of this job's numbering made
     * with other parameters, drops the entries of frames past this job's last (a shortened job; their files stay),
     * and records the job in the manifest. Runs alone: no other run is live on the folder.
     */
    private static void adopt(Job job, Manifest manifest, Manifest.JobIdentity identity, boolean force,
            Consumer<String> notice) throws IOException {
        List<FrameRecord> beyond = new ArrayList<>();
        for (FrameRecord record : manifest.records()) {
            if (record.frame() >= job.frames().size()) {
                beyond.add(record);
                continue;
            }
            FrameParameters ours = FrameParameters.of(job.frames().get(record.frame()), job.format());
            if (!record.parameters().equals(ours) && !force) {
                throw new JobConflictException(job.dir() + " holds frames of another job: " + record.file()
                        + " was made with " + difference(record.parameters(), ours), true);
            }
        }
        for (FrameRecord record : beyond) {
            manifest.remove(record.file());
        }
        if (!beyond.isEmpty()) {
            notice.accept(beyond.size() + " frame" + (beyond.size() == 1 ? "" : "s") + " of an earlier, longer job ("
                    + beyond.getFirst().file() + (beyond.size() > 1 ? " ..." : "") + ") no longer "
                    + (beyond.size() == 1 ? "belongs" : "belong") + " to this one: taken out of the manifest, "
                    + (beyond.size() == 1 ? "its file" : "their files") + " left as " + (beyond.size() == 1 ? "it is"
                    : "they are"));
        }
        if (force) {
            for (FrameRecord record : manifest.records()) {
                FrameParameters ours = FrameParameters.of(job.frames().get(record.frame()), job.format());
                if (!record.parameters().equals(ours)) {
                    manifest.remove(record.file());
                }
            }
        }
        manifest.job(identity);
    }

    /** The first parameter that differs, as {@code max_iter 3000, this job's is 1000}. */
    private static String difference(FrameParameters theirs, FrameParameters ours) {
        String[][] fields = {
            {"kernel", theirs.kernel(), ours.kernel()},
            {"c", String.valueOf(theirs.c()), String.valueOf(ours.c())},
            {"power", String.valueOf(theirs.power()), String.valueOf(ours.power())},
            {"format", theirs.format(), ours.format()},
            {"width", Integer.toString(theirs.width()), Integer.toString(ours.width())},
            {"height", Integer.toString(theirs.height()), Integer.toString(ours.height())},
            {"max_iter", Integer.toString(theirs.maxIter()), Integer.toString(ours.maxIter())},
            {"precision", theirs.precision(), ours.precision()},
            {"view", String.valueOf(theirs.view()), String.valueOf(ours.view())},
            {"center", String.valueOf(theirs.center()), String.valueOf(ours.center())},
            {"zoom", String.valueOf(theirs.zoom()), String.valueOf(ours.zoom())}};
        for (String[] field : fields) {
            if (!field[1].equals(field[2])) {
                return field[0] + " " + field[1] + ", this job's is " + field[2];
            }
        }
        return "other parameters";
    }

    /** Where {@code frame} stands, from its record ({@code record}, empty when there is none) and its file. */
    static FrameState state(Job job, Optional<FrameRecord> record, int frame) throws IOException {
        String name = job.fileName(frame);
        if (record.isEmpty()) {
            return FrameState.NEW;
        }
        if (!record.get().parameters().equals(FrameParameters.of(job.frames().get(frame), job.format()))) {
            return FrameState.CHANGED;
        }
        Path file = job.dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            return FrameState.MISSING;
        }
        if (Files.size(file) != record.get().bytes() || !FrameRecord.crc32(file).equals(record.get().crc32())) {
            return FrameState.DAMAGED;
        }
        return FrameState.DONE;
    }

    Manifest.JobIdentity identity() {
        return identity;
    }

    /** Whether every frame is redone ({@code --force}), even one another run wrote meanwhile. */
    boolean forced() {
        return forced;
    }

    /** The folder's locks, held while this plan runs. */
    JobFolder folder() {
        return folder;
    }

    /** Leaves the folder: this run's locks go. */
    @Override
    public void close() throws IOException {
        folder.close();
    }

    public Job job() {
        return job;
    }

    /** {@return the frames this run takes (a shard, a range, or all)} */
    public FrameSelection selection() {
        return selection;
    }

    /** {@return how many frames this run takes} */
    public int selected() {
        return selection.count(job.frames().size());
    }

    /** The frames to render, in order. */
    public List<Integer> todo() {
        return todo;
    }

    /** How many frames are in {@code state}. */
    public int count(FrameState state) {
        return states.getOrDefault(state, 0);
    }

    /** Selected frames skipped because they were done and intact. */
    public int done() {
        return selected() - todo.size();
    }

    /**
     * What a resumed run says before it starts: {@code resumed: K of N frames already done} (N of the selection,
     * named: {@code (shard 1/4)}), then why the others are rendered ({@code to render: 1 missing, 1 damaged}).
     * Nothing on a first run or with {@code --force}.
     */
    public List<String> report() {
        if (!resumed || selected() == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("resumed: " + done() + " of " + selected() + " frames" + (selection.isAll() ? ""
                : " (" + selection + ")") + " already done");
        if (!todo.isEmpty()) {
            lines.add("to render: " + Stream.of(FrameState.values())
                    .filter(s -> s != FrameState.DONE && states.containsKey(s))
                    .map(s -> states.get(s) + " " + s.label())
                    .collect(Collectors.joining(", ")));
        }
        return lines;
    }
}
