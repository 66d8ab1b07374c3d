package dev.squall.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a job's frames stand in its output folder, as {@code squall job status} shows it: each selected frame done
 * (recorded with this job's parameters, its file there with the recorded size and CRC-32), or why not.
 *
 * @param dir the job's output folder
 * @param jobFrames how many frames the job has
 * @param selection the frames looked at (a shard, a range, or all)
 * @param frames each selected frame, in order
 */
public record JobStatus(Path dir, int jobFrames, FrameSelection selection, List<Frame> frames) {

    /** Copies the list. */
    public JobStatus {
        frames = List.copyOf(frames);
    }

    /** Where one frame stands. */
    public enum State {
        /** Recorded with this job's parameters; the file is there, with the recorded size and CRC-32. */
        DONE("done"),
        /** Never finished: no record. */
        NOT_DONE("not done"),
        /** Recorded with other parameters (the job file changed since). */
        CHANGED("changed"),
        /** Recorded, but the file is gone. */
        MISSING("missing"),
        /** Recorded, but the file's size or CRC-32 is not the recorded one. */
        DAMAGED("damaged");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** {@return the state as the status line says it} */
        public String label() {
            return label;
        }
    }

    /**
     * One frame.
     *
     * @param frame its number, from 0
     * @param file its file name in the output folder
     * @param state where it stands
     * @param rendering whether a live run holds its claim now (it is being rendered or written)
     * @param bytes the file's size as its record says it, or -1 without a record ({@link State#NOT_DONE})
     * @param crc32 the CRC-32 of the file's bytes as its record says it (8 hex digits), or "" without a record
     */
    public record Frame(int frame, String file, State state, boolean rendering, long bytes, String crc32) {
    }

    /** {@return whether every selected frame is done and intact} */
    public boolean complete() {
        return frames.stream().allMatch(f -> f.state() == State.DONE);
    }

    /**
     * {@return the numbers of the frames in {@code state}, in order}
     *
     * @param state a state
     */
    public List<Integer> numbers(State state) {
        return frames.stream().filter(f -> f.state() == state).map(Frame::frame).toList();
    }

    /** {@return the numbers of the frames a live run is rendering now} */
    public List<Integer> rendering() {
        return frames.stream().filter(Frame::rendering).map(Frame::frame).toList();
    }

    /**
     * {@return this status restricted to the frames {@code shard} also selects}
     *
     * @param shard a shard (its range is ignored: this status's is kept)
     */
    public JobStatus of(FrameSelection shard) {
        FrameSelection within = shard.within(selection);
        return new JobStatus(dir, jobFrames, within, frames.stream().filter(f -> within.contains(f.frame())).toList());
    }
}
