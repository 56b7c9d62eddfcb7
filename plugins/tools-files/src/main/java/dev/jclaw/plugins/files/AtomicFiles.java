package dev.jclaw.plugins.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file whole or not at all: the bytes go to a temporary file beside the target, are flushed to disk, and
 * the temporary file is renamed over the target in one step. Readers see the old content or the new, never a mix,
 * and a failure (or a crash) leaves the old file as it was and no temporary file behind.
 *
 * <p>A replaced file keeps its permissions (a script stays executable); a new one gets the default permissions of
 * the process, like any file it creates.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces or creates {@code target}; its directory must exist.
     *
     * @param target the file, a real path whose parent exists
     * @param content the new bytes
     * @throws IOException when writing or renaming fails; the target is then unchanged
     * @throws InterruptedException when the thread was interrupted before the rename; the target is unchanged
     */
    static void write(Path target, byte[] content) throws IOException, InterruptedException {
        Path dir = target.getParent();
        // CREATE_NEW with a fresh name, not createTempFile: that one makes the file private (0600) on POSIX
        // (a fixed-length name: the target's own name may already be as long as the file system allows)
        Path tmp = dir.resolve(".jclaw-" + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            keepPermissions(target, tmp);
            if (Thread.interrupted()) {
                throw new InterruptedException("the write was stopped before the file was replaced");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("the write was stopped before the file was replaced");
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Counts lines the way an editor shows them: a final line without a line break still counts.
     *
     * @param content the text
     * @return the number of lines; 0 for empty text
     */
    static long lines(String content) {
        return content.isEmpty() ? 0 : content.lines().count();
    }

    /**
     * Says why a file operation failed, for a message.
     *
     * @param e the failure
     * @return a short reason such as "Permission denied"
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (from == null || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> permissions = from.readAttributes().permissions();
        Files.setPosixFilePermissions(tmp, permissions);
    }
}
