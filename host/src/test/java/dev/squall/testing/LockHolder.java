package dev.squall.testing;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code main(FILE)}: locks FILE (created if missing) as a Squall writer does, says 'L', and sleeps until killed. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.write('L');
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
