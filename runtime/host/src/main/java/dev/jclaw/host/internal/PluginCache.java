package dev.jclaw.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The private copies of plugin jars of one host: {@code <data-dir>/plugin-cache/<pid>-<n>/}. Private, because a
 * {@code jclaw run} may start beside a running server on the same data directory, and neither may delete what the
 * other runs from. A host empties its directory when it closes; one killed before that leaves it behind, and the
 * next host to open removes it once its process is gone.
 */
final class PluginCache {
    private static final System.Logger LOG = System.getLogger(PluginCache.class.getName());
    private static final AtomicLong HOSTS = new AtomicLong();
    private static final Pattern OWNER = Pattern.compile("(\\d+)-\\d+");

    private final Path root;
    private final Path own;
    private final AtomicLong sequence = new AtomicLong();

    PluginCache(Path dataDir) {
        this.root = dataDir.resolve("plugin-cache");
        // the counter tells apart several hosts of one process, e.g. in tests
        this.own = root.resolve(ProcessHandle.current().pid() + "-" + HOSTS.incrementAndGet());
    }

    /** Removes what hosts of processes that are gone left behind, including copies of the old shared layout. */
    void sweep() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(this::stale).forEach(PluginLoader::deleteTree);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not list " + root + ": " + e.getMessage());
        }
    }

    private boolean stale(Path entry) {
        Matcher owner = OWNER.matcher(entry.getFileName().toString());
        if (!owner.matches()) {
            return true;
        }
        long pid = Long.parseLong(owner.group(1));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * Returns a new directory for one copy.
     *
     * @param name the plugin's file name
     * @return the directory, not yet created
     */
    Path newDirectory(String name) {
        return own.resolve(name + "-" + sequence.incrementAndGet());
    }

    /** @return this host's directory */
    Path directory() {
        return own;
    }

    /** Deletes this host's copies. */
    void close() {
        PluginLoader.deleteTree(own);
    }
}
