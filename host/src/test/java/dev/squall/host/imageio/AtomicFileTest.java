package dev.squall.host.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.bin");
        Files.write(target, new byte[] {1, 2, 3});
        var e = assertThrows(IOException.class, () -> AtomicFile.write(target, (out, channel) -> {
            out.write(new byte[100_000]);
            throw new IOException("disk on fire");
        }));
        assertEquals("cannot write " + target + ": disk on fire", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void aNewFileGetsTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
        Path reference = Files.createFile(dir.resolve("made-by-createFile"));
        Path target = dir.resolve("new.bin");
        AtomicFile.write(target, (out, channel) -> out.write(42));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(target));
    }

    @Test
    void replacingAFileKeepsItsPermissions() throws IOException {
        Path target = dir.resolve("kept.bin");
        Files.write(target, new byte[] {1});
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(target, (out, channel) -> out.write(7));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
        assertEquals(List.of("kept.bin"), names());
    }

    @Test
    void aPreparedFileReplacesTheTargetOnlyWhenCommitted() throws IOException {
        Path target = dir.resolve("frame.bin");
        Files.write(target, new byte[] {1});
        try (AtomicFile.Pending pending = AtomicFile.prepare(target, (out, channel) -> out.write(new byte[] {2, 3}))) {
            assertArrayEquals(new byte[] {1}, Files.readAllBytes(target), "the target is untouched before commit");
            assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(pending.file()), "the temporary file is complete");
            assertTrue(pending.file().getFileName().toString().matches("\\.frame\\.bin\\.[0-9a-z]+\\.part"),
                    pending.file()::toString);
            pending.commit();
        }
        assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("frame.bin"), names());
    }

    @Test
    void aPreparedFileClosedWithoutCommitIsRemovedAndTheTargetKept() throws IOException {
        Path target = dir.resolve("frame.bin");
        Files.write(target, new byte[] {1});
        try (AtomicFile.Pending pending = AtomicFile.prepare(target, (out, channel) -> out.write(9))) {
            assertTrue(Files.exists(pending.file()));
        }
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(target));
        assertEquals(List.of("frame.bin"), names());
    }

    @Test
    void aTemporaryFileIsLockedForAnyOtherProcessFromTheMomentItHasItsName() throws Exception {
        Path target = dir.resolve("frame.png");
        String[] seen = new String[2];
        AtomicFile.write(target, (out, channel) -> {
            out.write(1);
            out.flush();
            List<String> now = names();
            seen[0] = now.toString();
            Path part = dir.resolve(now.getFirst());
            Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), dev.squall.testing.LockProbe.class.getName(),
                    part.toString()).redirectErrorStream(true).start();
            seen[1] = new String(probe.getInputStream().readAllBytes());
        });
        assertTrue(seen[0].matches("\\[\\.frame\\.png\\.[0-9a-z]+\\.part\\]"), seen[0] + ": only the .part, no .new left");
        assertEquals("held", seen[1], "another process cannot lock it, so it cannot take it for abandoned");
        assertEquals(List.of("frame.png"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
