package dev.squall.host.imageio;

import dev.squall.api.UnwritableTargetException;

import dev.squall.api.FileKind;

import dev.squall.api.OutputTarget;

import dev.squall.api.Shutdown;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Writes an output so that readers of a file see the old content or the whole new one, never a part. What "write"
 * means depends on what the path is ({@link OutputTarget}): a regular file (or a new name, or a symbolic link to
 * one) gets its bytes in a temporary file in the same folder, flushed to disk, then renamed over it; a FIFO, a
 * character device or standard output is written directly, as a stream.
 * <p>
 * A temporary file is {@code .NAME.RANDOM.part}, locked (an OS record lock, {@code fcntl}) by its writer from
 * creation to rename. The lock dies with its process, however it dies (SIGKILL too): so a temporary file that can be
 * locked has no live writer, and {@link #removeAbandoned} removes exactly those, never one that another process is
 * still writing. (The lock is advisory and local: on NFS it needs the NLM/NFSv4 locking that NFS clients normally
 * have.) SIGINT and SIGTERM remove this process's own temporary files in {@link Shutdown.Step#CLEAN_UP}, after the
 * work that must finish has finished.
 */
public final class AtomicFile {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Longest file name in bytes (Linux's NAME_MAX; most file systems agree). */
    private static final int NAME_MAX = 255;
    /** What a temporary name adds to the target's: two dots, up to 13 characters of random, ".part". */
    private static final int ADDED = 2 + 13 + 5;
    private static final String SUFFIX = ".part";

    /** Temporary files this process is writing, removed on SIGINT or SIGTERM. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    static {
        Shutdown.add(Shutdown.Step.CLEAN_UP, () -> {
            for (Path temp : IN_PROGRESS) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // exiting anyway: nothing better to do than leave it (a later run removes it)
                }
            }
        });
    }

    private AtomicFile() {
    }

    /** What writes the content; may use the stream and the channel freely (flushing the stream first), closing neither. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out, FileChannel channel) throws IOException;
    }

    /** Writes {@code target}, whatever it is; on failure a file target is untouched and the exception names it and the cause. */
    public static void write(Path target, Content content) throws IOException {
        try (Pending pending = prepare(target, content)) {
            pending.commit();
        }
    }

    /** Writes {@code target}, which must be a regular file or a new name ({@link #prepareFile}). */
    public static void writeFile(Path target, Content content) throws IOException {
        try (Pending pending = prepareFile(target, content)) {
            pending.commit();
        }
    }

    /**
     * Writes the content of {@code target} and, for a file, leaves the target as it is until {@link Pending#commit()}:
     * for callers that must record the new file elsewhere (a manifest) between the two, or keep it only if a check
     * passes. A stream target ({@link OutputTarget.Kind#STREAM}, standard output) gets the bytes now. Temporary files
     * of the same target that no live process holds (a killed run's) are removed first. Closing a pending file that
     * was not committed removes it; so does SIGINT or SIGTERM.
     */
    public static Pending prepare(Path target, Content content) throws IOException {
        OutputTarget resolved = OutputTarget.of(target);
        if (resolved.kind() != OutputTarget.Kind.FILE) {
            writeStream(target, resolved, content);
            return new Pending(target, null, null, null);
        }
        Path file = resolved.path();
        removeAbandoned(file.getParent(), name -> isTemporaryOf(name, file.getFileName().toString()));
        return prepareAt(target, file, content);
    }

    /**
     * As {@link #prepare}, for a file that must be a regular one (a job's frames and manifest): anything else is an
     * {@link UnwritableTargetException}. Abandoned temporary files are the caller's to remove ({@link #removeAbandoned}
     * once for a whole folder is cheaper than a look for each file).
     */
    public static Pending prepareFile(Path target, Content content) throws IOException {
        OutputTarget resolved = OutputTarget.of(target);
        if (resolved.kind() != OutputTarget.Kind.FILE) {
            throw new UnwritableTargetException(target, "names " + (resolved.kind() == OutputTarget.Kind.STREAM
                    ? FileKind.of(target).label() : "standard output") + ", not a regular file");
        }
        return prepareAt(target, resolved.path(), content);
    }

    private static Pending prepareAt(Path target, Path file, Content content) throws IOException {
        Temporary temporary = null;
        try {
            temporary = createTemporary(file);
            FileChannel channel = temporary.channel();
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            content.writeTo(out, channel);
            out.flush();
            channel.force(true);
            return new Pending(target, file, temporary.path(), channel);
        } catch (IOException e) {
            if (temporary != null) {
                discard(temporary.path(), temporary.channel(), e);
            }
            throw failure(target, e);
        } catch (RuntimeException | Error e) {
            if (temporary != null) {
                discard(temporary.path(), temporary.channel(), e);
            }
            throw e;
        }
    }

    /** A FIFO, a device or standard output: the bytes go straight there, in one pass. */
    private static void writeStream(Path target, OutputTarget resolved, Content content) throws IOException {
        boolean stdout = resolved.kind() == OutputTarget.Kind.STANDARD_OUTPUT;
        try {
            if (stdout) {
                System.out.flush();
                // Not closed: that would close the process's standard output.
                FileChannel channel = new FileOutputStream(FileDescriptor.out).getChannel();
                writeAll(channel, content);
            } else {
                // No CREATE, no TRUNCATE: a device or FIFO is opened as it is (a FIFO waits here for its reader).
                try (FileChannel channel = FileChannel.open(resolved.path(), StandardOpenOption.WRITE)) {
                    writeAll(channel, content);
                }
            }
        } catch (IOException e) {
            throw failure(target, e);
        }
    }

    private static void writeAll(FileChannel channel, Content content) throws IOException {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        content.writeTo(out, channel);
        out.flush();
    }

    /**
     * The start of every temporary name of a file named {@code name}: {@code .NAME.}, with NAME shortened (at a
     * character boundary) when the whole temporary name would pass the file system's 255 bytes.
     */
    static String temporaryPrefix(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length + ADDED <= NAME_MAX) {
            return "." + name + ".";
        }
        int keep = NAME_MAX - ADDED;
        StringBuilder shortened = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > keep) {
                break;
            }
            shortened.appendCodePoint(cp);
            used += size;
            i += Character.charCount(cp);
        }
        return "." + shortened + ".";
    }

    /** Whether {@code candidate} is a temporary name {@link #prepare} makes for a file named {@code name}. */
    public static boolean isTemporaryOf(String candidate, String name) {
        String prefix = temporaryPrefix(name);
        if (!candidate.startsWith(prefix) || !candidate.endsWith(SUFFIX)) {
            return false;
        }
        String random = candidate.substring(prefix.length(), candidate.length() - SUFFIX.length());
        return !random.isEmpty() && random.length() <= 13 && random.chars().allMatch(
                c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z');
    }

    /**
     * Removes the temporary files in {@code folder} whose names {@code names} accepts and that no live process is
     * writing (their lock is free: the writer died). Returns how many were removed; files of this process, and files
     * another process still holds, are left alone.
     */
    public static int removeAbandoned(Path folder, Predicate<String> names) throws IOException {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                    && names.test(f.getFileName().toString())).toList();
        } catch (NoSuchFileException e) {
            return 0;
        }
        int removed = 0;
        for (Path temp : candidates) {
            if (IN_PROGRESS.contains(temp.toAbsolutePath()) || !Files.isRegularFile(temp)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock != null && Files.deleteIfExists(temp)) {    // not if its writer renamed it meanwhile
                    removed++;
                }
            } catch (NoSuchFileException e) {
                // renamed or removed by its writer meanwhile
            } catch (OverlappingFileLockException e) {
                // held in this JVM: being written
            }
        }
        return removed;
    }

    /** A temporary file, open and locked by this process. */
    private record Temporary(Path path, FileChannel channel) {
    }

    /**
     * A new hidden file beside {@code target}, created with the default permissions (the umask's, as the target would
     * get; {@code Files.createTempFile} would make it owner-only), or the target's own when it exists; open and
     * locked. It is made as {@code .NAME.RANDOM.new}, locked, and only then renamed to its {@code .part} name (the
     * lock goes with the file): so no other process's {@link #removeAbandoned} can ever see a {@code .part} file in
     * the instant between its creation and its lock, and take it for abandoned.
     */
    private static Temporary createTemporary(Path target) throws IOException {
        Path folder = target.getParent();
        String prefix = temporaryPrefix(target.getFileName().toString());
        while (true) {
            String random = Long.toUnsignedString(RANDOM.nextLong(), 36);
            Path fresh = folder.resolve(prefix + random + ".new");
            Path temp = folder.resolve(prefix + random + SUFFIX);
            FileChannel channel;
            try {
                channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            IN_PROGRESS.add(fresh);
            try {
                if (channel.tryLock() == null) {
                    throw new IOException("cannot lock its own new temporary file " + fresh);
                }
                if (Files.exists(target)
                        && Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(fresh, Files.getPosixFilePermissions(target));
                }
                IN_PROGRESS.add(temp);
                Files.move(fresh, temp, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                IN_PROGRESS.remove(temp);
                discard(fresh, channel, e);
                throw e;
            } finally {
                IN_PROGRESS.remove(fresh);
            }
            return new Temporary(temp, channel);
        }
    }

    /** A complete output waiting to replace its target (a file), or already sent (a stream: nothing left to do). */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path file;
        private final Path temp;
        private final FileChannel channel;
        private boolean done;

        private Pending(Path target, Path file, Path temp, FileChannel channel) {
            this.target = target;
            this.file = file;
            this.temp = temp;
            this.channel = channel;
            this.done = temp == null;
        }

        /** Whether the output went to a stream, already written, rather than to a file waiting for its rename. */
        public boolean isStream() {
            return temp == null;
        }

        /**
         * The temporary file, complete and flushed, until committed. To read it, prefer {@link #size()} and
         * {@link #crc32()}: a new handle on it, once closed, drops this process's lock (POSIX record locks belong
         * to a process and a file, not to a handle), and another run could then take it for abandoned.
         */
        public Path file() {
            requireFile();
            return temp;
        }

        /** The temporary file's size in bytes. */
        public long size() throws IOException {
            requireFile();
            return channel.size();
        }

        /**
         * The CRC-32 of the temporary file's bytes, read through the writer's own channel (opening the file again
         * and closing it would drop this process's lock on it: POSIX record locks are per process and file).
         */
        public long crc32() throws IOException {
            requireFile();
            CRC32 crc = new CRC32();
            // A heap buffer: the channel reads through its thread's cached direct buffer. A direct buffer of its own
            // per call is malloc'ed and freed only after a GC, and glibc keeps the pages: 60 MB of RSS in a long job.
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long position = 0;
            int n;
            while ((n = channel.read(buffer, position)) >= 0) {
                position += n;
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
            return crc.getValue();
        }

        /** Renames the temporary file over the target, in one step; nothing for a stream. */
        public void commit() throws IOException {
            if (temp == null) {
                return;
            }
            if (done) {
                throw new IllegalStateException("already committed or closed: " + target);
            }
            done = true;
            try {
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                discard(temp, channel, e);
                throw failure(target, e);
            } finally {
                IN_PROGRESS.remove(temp);
                closeQuietly(channel);
            }
        }

        /** Removes the temporary file unless it was committed; the target stays as it was. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    Files.deleteIfExists(temp);
                } finally {
                    IN_PROGRESS.remove(temp);
                    closeQuietly(channel);
                }
            }
        }

        private void requireFile() {
            if (temp == null || done) {
                throw new IllegalStateException("no temporary file: " + target);
            }
        }
    }

    private static void discard(Path temp, FileChannel channel, Throwable cause) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        } finally {
            IN_PROGRESS.remove(temp);
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is renamed or removed: nothing is lost by a failed close of its handle
            }
        }
    }

    private static IOException failure(Path target, IOException e) {
        if (e instanceof UnwritableTargetException) {
            return e;
        }
        return new IOException("cannot write " + target + ": " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        if (e.getClass() == IOException.class && e.getMessage() != null) {
            return e.getMessage();    // the system's own words: "No space left on device", "Broken pipe"
        }
        return e.getClass().getSimpleName() + (e.getMessage() != null ? " " + e.getMessage() : "");
    }
}
