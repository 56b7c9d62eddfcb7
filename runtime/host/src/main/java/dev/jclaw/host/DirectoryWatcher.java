package dev.jclaw.host;

import dev.jclaw.host.internal.PluginLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches the plugins directory. A file-system event wakes it at once; a short poll also catches what events miss
 * (changes inside plugin directories, file systems without events). A file written in the last moments is left
 * for the next round, so a jar still being copied is never loaded half-written.
 */
final class DirectoryWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DirectoryWatcher.class.getName());
    private static final long POLL_MILLIS = 250;
    private static final long SETTLE_MILLIS = 200;

    private final WatchService service;
    private final Thread thread;

    /**
     * What a source looked like in one scan.
     *
     * @param size total bytes of its jars
     * @param modified newest modification time of its jars, in milliseconds
     * @param count number of jars
     * @param stable whether nothing was written to it just now
     */
    record Fingerprint(long size, long modified, int count, boolean stable) {
        /** The fingerprint of a source that went away. */
        static final Fingerprint GONE = new Fingerprint(-1, -1, -1, true);

        boolean sameAs(Fingerprint other) {
            return other != null && size == other.size && modified == other.modified && count == other.count;
        }
    }

    private DirectoryWatcher(WatchService service, Path dir, Runnable onChange) {
        this.service = service;
        this.thread = Thread.ofPlatform().daemon().name("jclaw-plugin-watcher").start(() -> loop(onChange));
    }

    static DirectoryWatcher start(Path dir, Runnable onChange) {
        try {
            WatchService service = dir.getFileSystem().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            return new DirectoryWatcher(service, dir, onChange);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
    }

    private void loop(Runnable onChange) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                WatchKey key = service.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
                onChange.run();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "plugin rescan failed; retrying", e);
            }
        }
    }

    /**
     * Lists the plugin sources in a directory: {@code *.jar} files and directories, skipping hidden names.
     *
     * @param dir the plugins directory
     * @return fingerprints by source, sorted by name
     */
    static Map<Path, Fingerprint> scan(Path dir) {
        Map<Path, Fingerprint> out = new TreeMap<>();
        long now = System.currentTimeMillis();
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins directory " + dir, e);
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            boolean directory = Files.isDirectory(entry);
            if (name.startsWith(".") || (!directory && !name.endsWith(".jar"))) {
                continue;
            }
            try {
                long size = 0;
                long modified = 0;
                int count = 0;
                for (Path jar : PluginLoader.jarsOf(entry)) {
                    BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                    size += attributes.size();
                    modified = Math.max(modified, attributes.lastModifiedTime().toMillis());
                    count++;
                }
                out.put(entry, new Fingerprint(size, modified, count, now - modified >= SETTLE_MILLIS));
            } catch (IOException e) {
                // changing under our feet: keep it as it is, look again next round; if it is gone, it is gone
                if (Files.exists(entry)) {
                    out.put(entry, new Fingerprint(-2, -2, -2, false));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
            thread.join(2_000);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the watch service: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
