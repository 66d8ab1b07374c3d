package dev.squall.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What one task did, sent back to the driver: where it ran, what it was given, and the record of each of its frames
 * as the output folder has it once the task is over. It travels as the bytes of its Java serialization
 * ({@link #bytes}), whatever {@code spark.serializer} says: Kryo, which a cluster may set for all its jobs, cannot
 * build records on Java 25 ("can't get field offset on a record class"), and a byte array is what every serializer
 * carries.
 *
 * @param partition the task's partition (its group of frames)
 * @param attempt the attempt that succeeded, from 0 (a retry, or a speculative duplicate, is 1 or more)
 * @param executor the executor it ran on ({@code driver} in local mode)
 * @param gpus the GPU addresses Spark gave it (none in local mode, or without GPU scheduling)
 * @param device the device or devices it rendered on, as a job's summary names them (empty if it rendered nothing)
 * @param rendered frames this attempt rendered
 * @param foundDone frames of its group this attempt found done already (an earlier attempt, or another run, wrote
 *     them)
 * @param renderSeconds the rendering's own time
 * @param prepareSeconds the program builds' time
 * @param iterations the sum of the counts it rendered
 * @param frames each frame of its group, as recorded in the output folder after the task
 * @param notices what the engine had to say while the task ran (a device's tile redone on the CPU)
 */
public record TaskResult(int partition, int attempt, String executor, List<String> gpus, String device, int rendered,
        int foundDone, double renderSeconds, double prepareSeconds, long iterations, List<Frame> frames,
        List<String> notices) implements Serializable {

    /** Copies the lists (into lists Java serialization carries). */
    public TaskResult {
        gpus = List.copyOf(gpus);
        frames = List.copyOf(frames);
        notices = List.copyOf(notices);
    }

    /** {@return this result's Java serialization, as a task sends it} */
    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("a task's result in memory", e);
        }
        return bytes.toByteArray();
    }

    /** {@return the result {@link #bytes} gave} */
    static TaskResult of(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (TaskResult) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a task's result that does not read back", e);
        }
    }

    /**
     * One frame as its record says it.
     *
     * @param frame its number, from 0
     * @param file its file name in the output folder
     * @param bytes its size
     * @param crc32 the CRC-32 of its bytes, 8 hex digits
     */
    public record Frame(int frame, String file, long bytes, String crc32) implements Serializable {
    }
}
