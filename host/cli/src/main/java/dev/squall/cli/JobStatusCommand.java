package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.api.EngineException;
import dev.squall.api.FrameSelection;
import dev.squall.api.JobRun;
import dev.squall.api.JobStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code squall job status JOB.json}: where every frame stands in the output folder (done, damaged, missing, not
 * done, being rendered now), overall and per shard; changes nothing and needs no device.
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Say which frames of a job are done and intact, damaged, missing or not done yet, overall and"
            + " per shard. Changes nothing; needs no device (ask from a login node)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every frame (of the shard or range) is done and intact",
            "1:some are not (or a frame cannot be read)", "2:bad job file or option"})
final class JobStatusCommand extends CommandBase implements Callable<Integer> {
    @Parameters(paramLabel = "JOB.json", description = "The job file; output.dir is relative to its folder.")
    Path file;

    @Mixin
    FrameOptions frameOptions = new FrameOptions();

    @Option(names = "--shards", paramLabel = "N", description = "Also a line for each of N shards (as --shard I/N"
            + " splits the job).")
    Integer shards;

    @Option(names = "--json", description = "One JSON object on standard output instead of lines.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        FrameSelection selection = frameOptions.selection();
        if (shards != null && shards < 1) {
            throw new UsageException("--shards " + shards + ": at least 1");
        }
        JobStatus status;
        try {
            status = JobRun.status(file, selection, line -> stderr.println("squall: " + line));
        } catch (EngineException e) {
            throw FrameOptions.named(e);
        }
        List<JobStatus> perShard = new ArrayList<>();
        for (int i = 0; shards != null && i < shards; i++) {
            perShard.add(status.of(new FrameSelection(i, shards, 0, Integer.MAX_VALUE)));
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("job", file.toString());
            root.put("dir", status.dir().toString());
            root.put("job_frames", status.jobFrames());
            root.put("selection", status.selection().toString());
            root.setAll(node(mapper, status));
            if (!perShard.isEmpty()) {
                ArrayNode array = root.putArray("shards");
                perShard.forEach(s -> array.add(node(mapper, s).put("shard", s.selection().shard())
                        .put("shards", s.selection().shards())));
            }
            stdout.println(mapper.writeValueAsString(root));
        } else {
            stdout.println("job " + file + " (" + status.dir() + "): " + line(status)
                    + (status.selection().isAll() ? "" : " [" + status.selection() + "]"));
            for (JobStatus.State state : JobStatus.State.values()) {
                if (state != JobStatus.State.DONE && !status.numbers(state).isEmpty()) {
                    stdout.println("  " + state.label() + ": " + ranges(status.numbers(state)));
                }
            }
            if (!status.rendering().isEmpty()) {
                stdout.println("  rendering now: " + ranges(status.rendering()));
            }
            for (JobStatus s : perShard) {
                stdout.println("  shard " + s.selection().shard() + "/" + s.selection().shards() + ": " + line(s));
            }
        }
        return status.complete() ? 0 : 1;
    }

    /** {@code 60 frames: 52 done, 1 damaged, 2 missing, 5 not done}. */
    private static String line(JobStatus status) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d frame%s: %d done",
                status.frames().size(), status.frames().size() == 1 ? "" : "s",
                status.numbers(JobStatus.State.DONE).size()));
        for (JobStatus.State state : JobStatus.State.values()) {
            int n = status.numbers(state).size();
            if (state != JobStatus.State.DONE && n > 0) {
                line.append(", ").append(n).append(' ').append(state.label());
            }
        }
        if (!status.rendering().isEmpty()) {
            line.append(" (").append(status.rendering().size()).append(" rendering now)");
        }
        return line.append(status.complete() ? ": complete" : "").toString();
    }

    private static ObjectNode node(ObjectMapper mapper, JobStatus status) {
        ObjectNode node = mapper.createObjectNode();
        node.put("frames", status.frames().size());
        node.put("complete", status.complete());
        node.put("done", status.numbers(JobStatus.State.DONE).size());
        for (JobStatus.State state : JobStatus.State.values()) {
            if (state != JobStatus.State.DONE) {
                ArrayNode list = node.putArray(state.name().toLowerCase(Locale.ROOT));
                status.numbers(state).forEach(list::add);
            }
        }
        ArrayNode rendering = node.putArray("rendering");
        status.rendering().forEach(rendering::add);
        return node;
    }

    /** Frame numbers as ranges: {@code 3, 40, 55-59}. */
    static String ranges(List<Integer> numbers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < numbers.size(); ) {
            int j = i;
            while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
                j++;
            }
            out.append(out.isEmpty() ? "" : ", ").append(numbers.get(i));
            if (j > i) {
                out.append('-').append(numbers.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
