package dev.jclaw.server.admin;

import dev.jclaw.core.storage.OwnerOnly;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code <data-dir>/run/server.lock}: locked by the running server for as long as it runs, so that a second server
 * on the same data directory refuses to start instead of taking over its runtime file. The operating system releases
 * the lock when the process ends, however it ends (kill -9 included), so a server that crashed never blocks the next.
 * The file holds the owner's process id, for the message; the lock, not the file, says whether a server runs.
 */
public final class ServerLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ServerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Returns the lock file's path.
     *
     * @param dataDir the data directory
     * @return the path
     */
    public static Path path(Path dataDir) {
        return dataDir.resolve("run").resolve("server.lock");
    }

    /**
     * Takes the lock, or says which server holds it.
     *
     * @param dataDir the data directory
     * @return the lock, held until {@link #close()} or the end of the process
     * @throws HeldException when another server holds it
     * @throws IOException when the lock file cannot be opened
     */
    public static ServerLock acquire(Path dataDir) throws IOException {
        Path file = path(dataDir);
        OwnerOnly.directory(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        OwnerOnly.file(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // a server of this same process, as in tests
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new HeldException(holder(dataDir));
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        return new ServerLock(channel, lock);
    }

    private static String holder(Path dataDir) {
        Optional<RuntimeFile> running = RuntimeFile.read(dataDir);
        String where = " on the data directory " + dataDir + "; stop it first, or start this one with another"
                + " JCLAW_HOME";
        if (running.isPresent()) {
            return "another JClaw server (pid " + running.get().pid() + ", " + running.get().url()
                    + ") is already running" + where;
        }
        String pid;
        try {
            pid = Files.readString(path(dataDir)).strip();
        } catch (IOException e) {
            pid = "";
        }
        return "another JClaw server" + (pid.matches("\\d+") ? " (pid " + pid + ")" : "") + " is starting or"
                + " stopping" + where;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            System.getLogger(ServerLock.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not release the server lock: " + e.getMessage());
        }
    }

    /** Another server holds the lock; the message names it and says what to do. */
    public static final class HeldException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }
}
