package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards ({@code --shard I/N}), ranges ({@code --frames A-B}), per-frame records and {@code job status}: shards
 * render exactly their frames, side by side on one folder, and together give the frames a single run gives; status
 * says where every frame stands and changes nothing.
 */
class ShardedJobTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "job: (\\d+) frames? rendered, (\\d+) skipped(?:, (\\d+) written by another run)?[,:].*");

    @TempDir
    Path dir;

    /** 10 frames of a zoom, 64x48, as counts; {@code out} is the output folder's name. */
    private Path job(String name, String out) throws IOException {
        return Files.writeString(dir.resolve(name), """
                { "kernel": "mandelbrot", "width": 64, "height": 48, "max_iter": 400, "device": "cpu",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 3.0,
                           "end_width": 0.001, "frames": 10},
                  "output": { "dir": "%s", "format": "counts" } }
                """.formatted(out));
    }

    private static int rendered(CliRun run) {
        String line = run.out().lines().filter(l -> l.startsWith("job: ")).findFirst().orElseThrow(() ->
                new AssertionError("no summary: " + run));
        Matcher m = SUMMARY.matcher(line);
        assertTrue(m.matches(), line);
        return Integer.parseInt(m.group(1));
    }

    private List<String> frames(String out) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(out))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("frame-")).sorted().toList();
        }
    }

    @Test
    void shardsTakeEveryNthFrameAndTogetherGiveTheFramesOfOneRun() throws IOException {
        CliRun whole = CliRun.of("job", "run", job("whole.json", "whole").toString());
        assertEquals(0, whole.exitCode(), whole::toString);
        Path sharded = job("sharded.json", "sharded");

        CliRun shard1 = CliRun.of("job", "run", sharded.toString(), "--shard", "1/3");
        assertEquals(0, shard1.exitCode(), shard1::toString);
        assertEquals(3, rendered(shard1));
        assertEquals(List.of("frame-00001.u32", "frame-00004.u32", "frame-00007.u32"), frames("sharded"));

        CliRun status = CliRun.of("job", "status", sharded.toString(), "--shards", "3");
        assertEquals(1, status.exitCode(), status::toString);
        assertEquals("job " + sharded + " (" + dir.resolve("sharded") + "): 10 frames: 3 done, 7 not done\n"
                + "  not done: 0, 2-3, 5-6, 8-9\n"
                + "  shard 0/3: 4 frames: 0 done, 4 not done\n"
                + "  shard 1/3: 3 frames: 3 done: complete\n"
                + "  shard 2/3: 3 frames: 0 done, 3 not done\n", status.out());
        assertEquals(0, CliRun.of("job", "status", sharded.toString(), "--shard", "1/3").exitCode());

        // A rerun of a shard skips its own frames; the other shards' are not its business.
        CliRun again = CliRun.of("job", "run", sharded.toString(), "--shard", "1/3");
        assertEquals("resumed: 3 of 3 frames (shard 1/3) already done\njob: 0 frames rendered, 3 skipped: nothing to"
                + " do\n", again.out(), again::toString);
        assertEquals(4, rendered(CliRun.of("job", "run", sharded.toString(), "--shard", "0/3")));
        assertEquals(3, rendered(CliRun.of("job", "run", sharded.toString(), "--shard", "2/3")));

        CliRun complete = CliRun.of("job", "status", sharded.toString());
        assertEquals(0, complete.exitCode(), complete::toString);
        assertEquals("job " + sharded + " (" + dir.resolve("sharded") + "): 10 frames: 10 done: complete\n",
                complete.out());
        for (String frame : frames("whole")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(frame)),
                    Files.readAllBytes(dir.resolve("sharded").resolve(frame)), frame);
        }
        assertEquals(frames("whole"), frames("sharded"));
        CliRun resumed = CliRun.of("job", "run", sharded.toString());
        assertEquals("resumed: 10 of 10 frames already done\njob: 0 frames rendered, 10 skipped: nothing to do\n",
                resumed.out());
    }

    @Test
    void shardsRunAtOnceOnOneFolderEachRenderingItsOwnFrames() throws Exception {
        Path job = job("job.json", "out");
        List<Process> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shards.add(SquallProcess.start(List.of(), dir.resolve(i + ".out"), dir.resolve(i + ".err"), "job", "run",
                    job.toString(), "--shard", i + "/3"));
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(shards.get(i).waitFor(120, TimeUnit.SECONDS));
            String out = Files.readString(dir.resolve(i + ".out"));
            assertEquals(0, shards.get(i).exitValue(), () -> out);
            Matcher m = SUMMARY.matcher(out.lines().filter(l -> l.startsWith("job: ")).findFirst().orElseThrow());
            assertTrue(m.matches(), out);
            assertEquals(i == 0 ? 4 : 3, Integer.parseInt(m.group(1)), out);
        }
        CliRun status = CliRun.of("job", "status", job.toString(), "--json");
        assertEquals(0, status.exitCode(), status::toString);
        JsonNode json = new ObjectMapper().readTree(status.out());
        assertEquals(10, json.get("done").asInt());
        assertTrue(json.get("complete").asBoolean());
        assertEquals(IntStream.range(0, 10).mapToObj(i -> String.format("frame-%05d.u32", i)).toList(),
                TestJobs.records(dir.resolve("out")).stream().map(r -> r.get("file").asText()).toList());
        CliRun whole = CliRun.of("job", "run", job("whole.json", "whole").toString());
        assertEquals(0, whole.exitCode(), whole::toString);
        for (String frame : frames("whole")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(frame)),
                    Files.readAllBytes(dir.resolve("out").resolve(frame)), frame);
        }
    }

    @Test
    void aRangeTakesItsFramesOnlyAndStatusNamesWhatIsDamagedOrMissing() throws IOException {
        Path job = job("job.json", "out");
        CliRun range = CliRun.of("job", "run", job.toString(), "--frames", "2-5");
        assertEquals(0, range.exitCode(), range::toString);
        assertEquals(4, rendered(range));
        assertEquals(List.of("frame-00002.u32", "frame-00003.u32", "frame-00004.u32", "frame-00005.u32"),
                frames("out"));
        assertEquals(1, rendered(CliRun.of("job", "run", job.toString(), "--frames", "7")));

        byte[] damaged = Files.readAllBytes(dir.resolve("out/frame-00003.u32"));
        damaged[100] ^= 1;
        Files.write(dir.resolve("out/frame-00003.u32"), damaged);
        Files.delete(dir.resolve("out/frame-00004.u32"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("out/frame-00003.u32"), old);

        CliRun status = CliRun.of("job", "status", job.toString(), "--shards", "2");
        assertEquals(1, status.exitCode(), status::toString);
        assertEquals("job " + job + " (" + dir.resolve("out") + "): 10 frames: 3 done, 5 not done, 1 missing,"
                + " 1 damaged\n"
                + "  not done: 0-1, 6, 8-9\n"
                + "  missing: 4\n"
                + "  damaged: 3\n"
                + "  shard 0/2: 5 frames: 1 done, 3 not done, 1 missing\n"
                + "  shard 1/2: 5 frames: 2 done, 2 not done, 1 damaged\n", status.out());
        CliRun json = CliRun.of("job", "status", job.toString(), "--frames", "2-5", "--json");
        assertEquals(1, json.exitCode(), json::toString);
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertEquals("frames 2-5", node.get("selection").asText());
        assertEquals(4, node.get("frames").asInt());
        assertEquals(2, node.get("done").asInt());
        assertEquals("[4]", node.get("missing").toString());
        assertEquals("[3]", node.get("damaged").toString());
        assertEquals("[]", node.get("not_done").toString());
        // Status changed nothing: the damaged file is as it was.
        assertEquals(old, Files.getLastModifiedTime(dir.resolve("out/frame-00003.u32")));
        assertFalse(Files.exists(dir.resolve("out/frame-00004.u32")));

        CliRun repaired = CliRun.of("job", "run", job.toString(), "--frames", "2-5");
        assertEquals("resumed: 2 of 4 frames (frames 2-5) already done\nto render: 1 missing, 1 damaged",
                repaired.out().lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow(), repaired::toString);
        assertEquals(2, rendered(repaired));
        assertEquals(0, CliRun.of("job", "status", job.toString(), "--frames", "2-5").exitCode());
    }

    @Test
    void statusOfAJobNeverRunMakesNothing() throws IOException {
        Path job = job("job.json", "out");
        CliRun status = CliRun.of("job", "status", job.toString(), "--json");
        assertEquals(1, status.exitCode(), status::toString);
        JsonNode node = new ObjectMapper().readTree(status.out());
        assertEquals(0, node.get("done").asInt());
        assertEquals("[0,1,2,3,4,5,6,7,8,9]", node.get("not_done").toString());
        assertFalse(Files.exists(dir.resolve("out")), "status made the output folder");
    }

    @Test
    void badSelectionsAreRefusedNamingTheValueAndNothingIsMade() throws IOException {
        Path job = job("job.json", "out");
        String[][] cases = {
            {"--shard", "3/3", "squall: --shard '3/3': the shard's index must be from 0 to 2\n"},
            {"--shard", "1-3", "squall: --shard '1-3': a shard is I/N, its index from 0 to N-1 (0/4 is the first of"
                    + " four)\n"},
            {"--shard", "0/0", "squall: --shard '0/0': the shard's index must be from 0 to 0 and N at least 1\n"},
            {"--frames", "5-2", "squall: --frames '5-2': the first frame comes after the last\n"},
            {"--frames", "a", "squall: --frames 'a': frames are A-B (both included, from 0) or one frame A\n"},
            {"--frames", "8-10", "squall: --frames 8-10: the job has 10 frames (0-9)\n"},
        };
        for (String[] c : cases) {
            for (String command : List.of("run", "status")) {
                CliRun run = CliRun.of("job", command, job.toString(), c[0], c[1]);
                assertEquals(2, run.exitCode(), run::toString);
                assertEquals(c[2], run.err(), command + " " + c[0] + " " + c[1]);
                assertFalse(Files.exists(dir.resolve("out")), run::toString);
            }
        }
        CliRun shards = CliRun.of("job", "status", job.toString(), "--shards", "0");
        assertEquals(2, shards.exitCode());
        assertEquals("squall: --shards 0: at least 1\n", shards.err());
    }

    @Test
    void aShardWithNoFramesSaysSoAndSucceeds() throws IOException {
        CliRun run = CliRun.of("job", "run", job("job.json", "out").toString(), "--shard", "12/16");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("job: 0 frames rendered, 0 skipped: nothing to do\n", run.out());
        assertEquals("squall: shard 12/16 takes none of this job's 10 frames\n", run.err());
    }

    @Test
    void aFolderRecordedByAnEarlierVersionResumesAndIsTurnedIntoRecords() throws IOException {
        Path job = job("job.json", "out");
        assertEquals(0, CliRun.of("job", "run", job.toString()).exitCode());
        // The version 1 layout: the frames listed in the manifest itself, no records folder.
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) mapper.readTree(dir.resolve("out/squall-manifest.json").toFile());
        ArrayNode listed = manifest.put("version", 1).putArray("frames");
        TestJobs.records(dir.resolve("out")).forEach(listed::add);
        Files.writeString(dir.resolve("out/squall-manifest.json"), mapper.writeValueAsString(manifest));
        try (Stream<Path> records = Files.list(dir.resolve("out/.squall-frames"))) {
            for (Path record : records.toList()) {
                Files.delete(record);
            }
        }
        Files.delete(dir.resolve("out/.squall-frames"));
        Files.delete(dir.resolve("out/frame-00006.u32"));

        assertEquals(1, CliRun.of("job", "status", job.toString()).exitCode());
        // Another job on it is refused, and the old folder left byte for byte: not upgraded.
        byte[] listedBytes = Files.readAllBytes(dir.resolve("out/squall-manifest.json"));
        Path other = Files.writeString(dir.resolve("other.json"), Files.readString(job).replace("400", "300"));
        CliRun refused = CliRun.of("job", "run", other.toString());
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("holds frames of another job"), refused::toString);
        org.junit.jupiter.api.Assertions.assertArrayEquals(listedBytes,
                Files.readAllBytes(dir.resolve("out/squall-manifest.json")));
        assertFalse(Files.exists(dir.resolve("out/.squall-frames")));
        CliRun resumed = CliRun.of("job", "run", job.toString());
        assertEquals(0, resumed.exitCode(), resumed::toString);
        assertTrue(resumed.out().startsWith("resumed: 9 of 10 frames already done\nto render: 1 missing\n"),
                resumed::toString);
        assertEquals(1, rendered(resumed));
        assertEquals(10, TestJobs.records(dir.resolve("out")).size());
        JsonNode upgraded = mapper.readTree(dir.resolve("out/squall-manifest.json").toFile());
        assertEquals(2, upgraded.get("version").asInt());
        assertFalse(upgraded.has("frames"));
        assertEquals(0, CliRun.of("job", "status", job.toString()).exitCode());
    }

    @Test
    void anUnreadableRecordIsSaidAndItsFrameRedone() throws IOException {
        Path job = job("job.json", "out");
        assertEquals(0, CliRun.of("job", "run", job.toString(), "--frames", "0-2").exitCode());
        Files.writeString(dir.resolve("out/.squall-frames/frame-00001.u32.json"), "{ \"file\": ");
        CliRun run = CliRun.of("job", "run", job.toString(), "--frames", "0-2");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("squall: 1 frame record in " + dir.resolve("out/.squall-frames") + " cannot be read"
                + " (frame-00001.u32.json): its frame is redone", run.err().lines().findFirst().orElseThrow());
        assertEquals(1, rendered(run));
        assertEquals(0, CliRun.of("job", "status", job.toString(), "--frames", "0-2").exitCode());
    }

    @Test
    @org.junit.jupiter.api.Tag("slow")
    void statusNamesTheFramesALiveRunIsRendering() throws Exception {
        Path job = Files.writeString(dir.resolve("long.json"), """
                { "kernel": "mandelbrot", "width": 480, "height": 320, "max_iter": 3000, "device": "cpu",
                  "zoom": {"center": [-0.743643887037151, 0.131825904205330], "start_width": 0.5,
                           "end_width": 0.0005, "frames": 40},
                  "output": { "dir": "long", "format": "png" } }
                """);
        Process run = SquallProcess.start(List.of(), dir.resolve("run.out"), dir.resolve("run.err"), "job", "run",
                job.toString());
        try {
            JsonNode seen = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && run.isAlive()) {
                CliRun status = CliRun.of("job", "status", job.toString(), "--json");
                JsonNode node = new ObjectMapper().readTree(status.out());
                if (node.get("done").asInt() >= 1 && !node.get("rendering").isEmpty()) {
                    assertEquals(1, status.exitCode(), status::toString);
                    seen = node;
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(seen != null, "no frame seen being rendered");
            assertEquals(1, seen.get("rendering").size(), seen::toString);
            // The frame being rendered is not done yet (its claim is held until it is written and recorded).
            int frame = seen.get("rendering").get(0).asInt();
            JsonNode notDone = seen.get("not_done");
            assertTrue(IntStream.range(0, notDone.size()).anyMatch(i -> notDone.get(i).asInt() == frame),
                    seen::toString);
        } finally {
            run.destroy();
            run.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
