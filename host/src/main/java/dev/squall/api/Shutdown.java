package dev.squall.api;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What SIGINT and SIGTERM do, in one ordered path. The JVM runs its shutdown hooks all at once, in no order: with a
 * hook per concern, the one removing temporary files deleted the frame that another was waiting to finish. So
 * Squall registers one hook, and it runs the steps here in order, each step's actions one after the other:
 * <ol>
 * <li>{@link Step#FINISH}: work that must not be cut (a frame being written) completes, and no new work starts;
 * <li>{@link Step#CLEAN_UP}: temporary files still open are removed, and the last line is said.
 * </ol>
 * The JVM then exits with 128 plus the signal's number (130 for SIGINT, 143 for SIGTERM). Other threads run on
 * while the hook does: code that fails because a step took its files away asks {@link #inProgress()} and stays
 * quiet rather than report a failure that is only the stop.
 */
public final class Shutdown {
    /** The steps, in the order they run. */
    public enum Step {
        /** Work that must not be cut (a frame being written) completes, and no new work starts. */
        FINISH,
        /** Temporary files still open are removed, and the last line is said. */
        CLEAN_UP
    }

    private static final Map<Step, List<Runnable>> ACTIONS = new EnumMap<>(Step.class);
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    static {
        for (Step step : Step.values()) {
            ACTIONS.put(step, new ArrayList<>());
        }
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::run, "squall-shutdown"));
        } catch (IllegalStateException e) {
            // First used while the JVM is already shutting down: nothing registered now can still run, and nothing
            // new starts either. (Registering then used to fail the class's initialisation: an error on stderr.)
            RUNNING.set(true);
        }
    }

    private Shutdown() {
    }

    /** Makes sure the hook is in place; the command line calls it first, before any work can start. */
    public static void install() {
        // the static initialiser did it
    }

    /**
     * Runs {@code action} in {@code step} if the JVM is stopped before {@link #remove} takes it back.
     *
     * @param step when it runs: after every action of the steps before
     * @param action run on the shutdown hook's thread, after the step's earlier actions; a
     *     {@link RuntimeException} it throws is ignored, so the next action still runs
     */
    public static void add(Step step, Runnable action) {
        synchronized (ACTIONS) {
            ACTIONS.get(step).add(action);
        }
    }

    /**
     * Takes back an action {@link #add} registered, once the work it protects is done; nothing when it is not there.
     *
     * @param step the step it was added to
     * @param action the action itself, as given to {@link #add} (compared with {@code equals})
     */
    public static void remove(Step step, Runnable action) {
        synchronized (ACTIONS) {
            ACTIONS.get(step).remove(action);
        }
    }

    /** {@return whether the JVM is stopping (a signal, or {@code System.exit} from elsewhere)} */
    public static boolean inProgress() {
        return RUNNING.get();
    }

    private static void run() {
        RUNNING.set(true);
        for (Step step : Step.values()) {
            List<Runnable> actions;
            synchronized (ACTIONS) {
                actions = List.copyOf(ACTIONS.get(step));
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // The JVM is exiting: one failed step must not keep the next from running.
                }
            }
        }
    }
}
