package dev.squall.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a job's frames a run takes: shard {@code shard} of {@code shards}, within the frames {@code first} to
 * {@code last} (both included, numbered from 0 as the files are: {@code frame-00000}).
 * <p>
 * <b>Shards.</b> Frame {@code f} belongs to shard {@code f % shards}: shards take every N-th frame, not a block of
 * N consecutive ones. A zoom sequence's frames get deeper and slower as it goes, so blocks would leave the last
 * shard with the slowest frames; striding gives every shard its share of each depth. A shard's frames depend on
 * {@code shard/shards} alone, never on what is done, so a retried or duplicated task renders exactly the frames
 * its first attempt would have.
 *
 * @param shard this shard's index, from 0 (as Slurm's {@code SLURM_ARRAY_TASK_ID} from {@code --array=0-...} and
 *     Kubernetes' {@code JOB_COMPLETION_INDEX} are)
 * @param shards how many shards the job is split into; 1 for the whole job
 * @param first the first frame taken
 * @param last the last frame taken ({@link Integer#MAX_VALUE}: to the job's end)
 */
public record FrameSelection(int shard, int shards, int first, int last) {
    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})(?:-(\\d{1,9}))?");

    /** Every frame. */
    public static final FrameSelection ALL = new FrameSelection(0, 1, 0, Integer.MAX_VALUE);

    /**
     * Checks the selection.
     *
     * @throws IllegalArgumentException when {@code shard} is not in {@code [0, shards)} or the range is empty
     */
    public FrameSelection {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "shard %d/%d: the index must be from 0 to"
                    + " %d", shard, shards, Math.max(0, shards - 1)));
        }
        if (first < 0 || last < first) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "frames %d-%d: the first frame must not"
                    + " come after the last", first, last));
        }
    }

    /**
     * Parses {@code I/N}, as {@code --shard} takes it.
     *
     * @param text the shard, {@code 0/4} for the first of four
     * @return every frame of that shard
     * @throws IllegalArgumentException naming the text when it is not {@code I/N} with {@code 0 <= I < N}
     */
    public static FrameSelection parseShard(String text) {
        Matcher m = SHARD.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "': a shard is I/N, its index from 0 to N-1 (0/4 is"
                    + " the first of four)");
        }
        int shard = Integer.parseInt(m.group(1));
        int shards = Integer.parseInt(m.group(2));
        if (shards < 1 || shard >= shards) {
            throw new IllegalArgumentException("'" + text + "': the shard's index must be from 0 to "
                    + Math.max(0, shards - 1) + (shards < 1 ? " and N at least 1" : ""));
        }
        return new FrameSelection(shard, shards, 0, Integer.MAX_VALUE);
    }

    /**
     * Parses {@code A-B} (both included) or {@code A}, as {@code --frames} takes it.
     *
     * @param text the range, {@code 0-99} for the first hundred frames
     * @return those frames, of every shard
     * @throws IllegalArgumentException naming the text when it is not a range of frame numbers in order
     */
    public static FrameSelection parseFrames(String text) {
        Matcher m = RANGE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "': frames are A-B (both included, from 0) or one"
                    + " frame A");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        if (last < first) {
            throw new IllegalArgumentException("'" + text + "': the first frame comes after the last");
        }
        return new FrameSelection(0, 1, first, last);
    }

    /**
     * {@return this shard within {@code range}'s frames}
     *
     * @param range a selection whose range is taken (its shard is ignored)
     */
    public FrameSelection within(FrameSelection range) {
        return new FrameSelection(shard, shards, range.first, range.last);
    }

    /**
     * {@return whether {@code frame} is selected}
     *
     * @param frame a frame number, from 0
     */
    public boolean contains(int frame) {
        return frame >= first && frame <= last && frame % shards == shard;
    }

    /** {@return whether this takes every frame of any job} */
    public boolean isAll() {
        return shards == 1 && first == 0 && last == Integer.MAX_VALUE;
    }

    /**
     * {@return how many of a job's frames are selected}
     *
     * @param frames the job's frame count
     */
    public int count(int frames) {
        int n = 0;
        for (int f = first; f <= Math.min(last, frames - 1); f++) {
            n += contains(f) ? 1 : 0;
        }
        return n;
    }

    /**
     * Checks the range against a job's frames.
     *
     * @param frames the job's frame count
     * @throws IllegalArgumentException naming the range when it reaches past the job's last frame
     */
    public void check(int frames) {
        if (last != Integer.MAX_VALUE && last >= frames) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "frames %s: the job has %d frame%s (0-%d)",
                    first == last ? Integer.toString(first) : first + "-" + last, frames, frames == 1 ? "" : "s",
                    frames - 1));
        }
    }

    /** {@return the selection as the command line says it: {@code shard 1/4}, {@code frames 10-19}, both, or "all frames"} */
    @Override
    public String toString() {
        String shardPart = shards > 1 ? "shard " + shard + "/" + shards : "";
        String rangePart = first == 0 && last == Integer.MAX_VALUE ? ""
                : "frames " + (first == last ? Integer.toString(first)
                        : first + "-" + (last == Integer.MAX_VALUE ? "" : Integer.toString(last)));
        if (shardPart.isEmpty() && rangePart.isEmpty()) {
            return "all frames";
        }
        return shardPart.isEmpty() ? rangePart : rangePart.isEmpty() ? shardPart : shardPart + ", " + rangePart;
    }
}
