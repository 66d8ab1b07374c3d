package dev.squall.host.job;

import java.io.IOException;
import java.nio.file.Files;
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
 * What a run of a job has to do: the output folder made and cleared of temporary files a killed run left, the
 * manifest read, and each frame found done (skipped) or to render, with the reason.
 */
public final class JobPlan {

    /**
     * AtomicFile's temporary names for the files a job writes: {@code .frame-00001.png.k3j9x2.part} and the
     * manifest's. A run killed by SIGKILL (no shutdown hook) leaves them; nothing else in the folder is touched.
     */
    private static final Pattern STALE = Pattern.compile(
            "\\.(frame-\\d{5,}\\.(png|u32|npy)|" + Pattern.quote(Manifest.FILE_NAME) + ")\\.[0-9a-z]+\\.part");

    private final Job job;
    private final Manifest manifest;
    private final List<Integer> todo;
    private final Map<FrameState, Integer> states;
    /** Whether there was a manifest to resume from (never with {@code --force}). */
    private final boolean resumed;

    private JobPlan(Job job, Manifest manifest, List<Integer> todo, Map<FrameState, Integer> states, boolean resumed) {
        this.job = job;
        this.manifest = manifest;
        this.todo = List.copyOf(todo);
        this.states = Map.copyOf(states);
        this.resumed = resumed;
    }

    /**
     * Makes the output folder, removes stale temporary files, and checks every frame against the manifest: a frame is
     * skipped when it is listed with the same parameters and its file has the listed size and CRC-32. With
     * {@code force}, every frame is redone. {@code notice} gets a line for what the user should know (a manifest that
     * cannot be read and is started afresh, temporary files removed).
     */
    public static JobPlan prepare(Job job, boolean force, Consumer<String> notice) throws IOException {
        Files.createDirectories(job.dir());
        int removed = removeStale(job.dir());
        if (removed > 0) {
            notice.accept("removed " + removed + " temporary file" + (removed == 1 ? "" : "s")
                    + " an interrupted run left in " + job.dir());
        }
        Optional<Manifest> read;
        try {
            read = Manifest.read(job.dir());
        } catch (IOException e) {
            notice.accept(e.getMessage() + "; starting a new one, every frame will be redone");
            read = Optional.of(Manifest.empty(job.dir()));
        }
        Manifest manifest = read.orElseGet(() -> Manifest.empty(job.dir()));
        List<Integer> todo = new ArrayList<>();
        Map<FrameState, Integer> states = new EnumMap<>(FrameState.class);
        for (int i = 0; i < job.frames().size(); i++) {
            FrameState state = force ? FrameState.FORCED : state(job, manifest, i);
            states.merge(state, 1, Integer::sum);
            if (state != FrameState.DONE) {
                todo.add(i);
            }
        }
        return new JobPlan(job, manifest, todo, states, read.isPresent() && !force);
    }

    static FrameState state(Job job, Manifest manifest, int frame) throws IOException {
        String name = job.fileName(frame);
        Optional<FrameRecord> record = manifest.get(name);
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

    private static int removeStale(Path dir) throws IOException {
        List<Path> stale;
        try (Stream<Path> files = Files.list(dir)) {
            stale = files.filter(f -> STALE.matcher(f.getFileName().toString()).matches()).toList();
        }
        for (Path f : stale) {
            Files.deleteIfExists(f);
        }
        return stale.size();
    }

    public Job job() {
        return job;
    }

    Manifest manifest() {
        return manifest;
    }

    /** The frames to render, in order. */
    public List<Integer> todo() {
        return todo;
    }

    /** How many frames are in {@code state}. */
    public int count(FrameState state) {
        return states.getOrDefault(state, 0);
    }

    /** Frames skipped because they were done and intact. */
    public int done() {
        return job.frames().size() - todo.size();
    }

    /**
     * What a resumed run says before it starts: {@code resumed: K of N frames already done}, then why the others are
     * rendered ({@code to render: 1 missing, 1 damaged}). Nothing on a first run or with {@code --force}.
     */
    public List<String> report() {
        if (!resumed) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("resumed: " + done() + " of " + job.frames().size() + " frames already done");
        if (!todo.isEmpty()) {
            lines.add("to render: " + Stream.of(FrameState.values())
                    .filter(s -> s != FrameState.DONE && states.containsKey(s))
                    .map(s -> states.get(s) + " " + s.label())
                    .collect(Collectors.joining(", ")));
        }
        return lines;
    }
}
