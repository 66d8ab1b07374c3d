package dev.squall.host.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The locks that let several runs share one job's output folder safely: OS record locks ({@code fcntl}) on byte
 * ranges of one hidden file, {@code .squall.lock}. A record lock belongs to its process and dies with it, however
 * it dies (SIGKILL too), so nothing is ever left locked by a run that is gone.
 * <ul>
 * <li><b>The run lock</b> (one byte far past any frame): every run holds it shared while it runs. A run that would
 * change what job the folder belongs to needs it exclusive, so it cannot while another run is live.
 * <li><b>The manifest lock</b>: held exclusive, briefly, while a run plans (reads the records, makes the folder its
 * job's, upgrades an old manifest), so that no two runs change what job the folder belongs to at once. Frames are
 * recorded without it: each has a record of its own ({@link Manifest}).
 * <li><b>Frame claims</b> (byte {@code i} for frame {@code i}): a run renders and writes a frame only while it holds
 * its claim; another run skips it, and comes back to it at the end in case the holder died.
 * </ul>
 * POSIX record locks are per process and file: closing any handle of the file drops them all. So each JVM opens the
 * file once per folder ({@link #open} shares it, counted), and locks that two runners in one JVM would both take
 * ({@link OverlappingFileLockException}) count as held.
 */
final class JobFolder implements AutoCloseable {
    static final String LOCK_FILE = ".squall.lock";
    private static final long RUN = Long.MAX_VALUE - 2;
    private static final long MANIFEST = Long.MAX_VALUE - 1;
    /** How long a wait for a claim sleeps between tries, at most (claims are held for a frame's time). */
    private static final long MAX_POLL_MILLIS = 200;

    private static final Map<Path, JobFolder> OPEN = new HashMap<>();

    private final Path lockFile;
    private final FileChannel channel;
    private int users;
    private FileLock run;

    private JobFolder(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** The folder's locks, opened once per JVM; {@code dir} must exist. */
    static JobFolder open(Path dir) throws IOException {
        Path lockFile = dir.toAbsolutePath().normalize().resolve(LOCK_FILE);
        synchronized (OPEN) {
            JobFolder folder = OPEN.get(lockFile);
            if (folder == null) {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                folder = new JobFolder(lockFile, channel);
                OPEN.put(lockFile, folder);
            }
            folder.users++;
            return folder;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (OPEN) {
            if (--users == 0) {
                OPEN.remove(lockFile);
                channel.close();
            }
        }
    }

    /** Work done while holding the manifest lock. */
    @FunctionalInterface
    interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the manifest lock (waiting for it). */
    <T> T underManifestLock(Locked<T> work) throws IOException {
        synchronized (this) {    // one thread of this JVM at a time: the OS lock is the process's
            try (FileLock lock = channel.lock(MANIFEST, 1, false)) {
                return work.run();
            }
        }
    }

    /**
     * Takes the run lock shared, for this run's life; false when a run that is changing the folder's job holds it
     * exclusive (it does so only under the manifest lock, so a caller holding that never sees false).
     */
    synchronized boolean joinRun() throws IOException {
        if (run == null) {
            run = tryLock(RUN, true);
        }
        return run != null;
    }

    /** Takes the run lock exclusive if no other run is live; runs {@code work}; takes it back shared. */
    synchronized boolean aloneRun(Locked<Void> work) throws IOException {
        if (run != null) {
            run.release();
            run = null;
        }
        FileLock alone = tryLock(RUN, false);
        if (alone == null) {
            run = tryLock(RUN, true);
            return false;
        }
        try {
            work.run();
        } finally {
            alone.release();
            run = tryLock(RUN, true);
        }
        return true;
    }

    /** Frame {@code frame}'s claim if no other run holds it. */
    Optional<Claim> tryClaim(int frame) throws IOException {
        FileLock lock = tryLock(frame, false);
        return lock == null ? Optional.empty() : Optional.of(new Claim(lock));
    }

    /** Frame {@code frame}'s claim, waiting while another run holds it (until it finishes the frame, or dies). */
    Claim claim(int frame) throws IOException, InterruptedException {
        long sleep = 5;
        while (true) {
            Optional<Claim> claim = tryClaim(frame);
            if (claim.isPresent()) {
                return claim.get();
            }
            Thread.sleep(sleep);
            sleep = Math.min(MAX_POLL_MILLIS, sleep * 2);
        }
    }

    private FileLock tryLock(long position, boolean shared) throws IOException {
        try {
            return channel.tryLock(position, 1, shared);
        } catch (OverlappingFileLockException e) {
            return null;    // held by another runner in this JVM
        }
    }

    /** A frame this run alone may render and write; closed when the frame is written (or given up). */
    static final class Claim implements AutoCloseable {
        private final FileLock lock;

        private Claim(FileLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            if (lock.isValid()) {
                lock.release();
            }
        }
    }
}
