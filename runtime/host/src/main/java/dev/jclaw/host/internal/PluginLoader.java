package dev.jclaw.host.internal;

import dev.jclaw.api.HostServices;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.host.PluginLoadException;
import dev.jclaw.host.PluginState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads one plugin version from the plugins directory: copies its jars to a private cache (so that a jar replaced
 * on disk never disturbs the running version), checks its descriptor, rewrites its exit calls (see
 * {@link ExitGuard}), builds its layer and starts it. Several loads may run at once.
 */
public final class PluginLoader {
    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    private final LayerFactory layers;
    private final PluginCache cache;
    private final Path dataRoot;
    private final Duration startTimeout;
    private final Function<String, JsonObject> pluginConfig;
    private final Runaways runaways;
    private final ProcessSandbox sandbox;
    private final HostServices services;
    private final ToolsAnnouncer.Refresher refresher;

    /**
     * Creates a loader.
     *
     * @param parent the host's layer, holding {@code dev.jclaw.api}
     * @param dataDir the host's data directory
     * @param startTimeout the start deadline, also the deadline of a tool refresh
     * @param pluginConfig configuration sections by plugin id
     * @param sandbox the sandbox every plugin's context offers
     * @param services what the host shares with every plugin; each context adds the plugin's own ToolsChanged
     * @param refresher what runs when a plugin's announcements of changed tools settle
     * @param runaways where plugin threads that ignore an interrupt are counted
     */
    public PluginLoader(ModuleLayer parent, Path dataDir, Duration startTimeout,
                        Function<String, JsonObject> pluginConfig, ProcessSandbox sandbox, HostServices services,
                        ToolsAnnouncer.Refresher refresher, Runaways runaways) {
        this.layers = new LayerFactory(parent);
        this.cache = new PluginCache(dataDir);
        this.dataRoot = dataDir.resolve("plugins");
        this.startTimeout = startTimeout;
        this.pluginConfig = pluginConfig;
        this.sandbox = sandbox;
        this.services = services;
        this.refresher = refresher;
        this.runaways = runaways;
    }

    /** Deletes the copies that hosts of processes now gone left behind. */
    public void sweepCache() {
        cache.sweep();
    }

    /** Deletes this loader's copies; the versions it loaded must be retired first. */
    public void closeCache() {
        cache.close();
    }

    /** What a load learned before it failed or succeeded. */
    public interface Progress {
        /**
         * Reports a step.
         *
         * @param id the plugin id once known, else the file name
         * @param version the version once known, else empty
         * @param state the state reached
         */
        void reached(String id, String version, PluginState state);
    }

    /**
     * Copies and inspects a plugin source without building anything.
     *
     * @param source a jar, or a directory of jars
     * @return the staged plugin, whose descriptor was accepted
     * @throws PluginLoadException when the source is unreadable or its descriptor refused
     */
    public Staged stage(Path source) throws PluginLoadException {
        String name = source.getFileName().toString();
        Path dir = cache.newDirectory(name);
        try {
            ownerOnlyDirectories(dir);
            List<Path> jars = new ArrayList<>();
            for (Path jar : jarsOf(source)) {
                jars.add(Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
            if (jars.isEmpty()) {
                throw new PluginLoadException(name, name + " contains no jar");
            }
            LayerFactory.Candidate candidate = layers.inspect(name, jars);
            guardExits(candidate.descriptor().id(), jars);
            return new Staged(source, dir, candidate);
        } catch (IOException e) {
            deleteTree(dir);
            throw new PluginLoadException(name, name + " cannot be read: " + e.getMessage(), e);
        } catch (PluginLoadException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static void guardExits(String id, List<Path> jars) throws IOException, PluginLoadException {
        try {
            ExitGuard.Report report = ExitGuard.guard(id, jars);
            if (!report.classes().isEmpty()) {
                LOG.log(System.Logger.Level.INFO, () -> "plugin '" + id + "': exit calls in " + report.classes()
                        + " now throw instead of stopping the server");
            }
        } catch (RuntimeException e) { // the class-file library refuses what it cannot rewrite in several ways
            throw new PluginLoadException(id, "plugin '" + id + "' calls System.exit or Runtime.exit/halt, and the"
                    + " host could not make those calls safe (" + e.getMessage() + "); remove the calls", e);
        }
    }

    /**
     * A plugin version copied to the cache, with its accepted descriptor.
     *
     * @param source where it came from
     * @param cacheDir its private copy
     * @param candidate the descriptor and jars
     */
    public record Staged(Path source, Path cacheDir, LayerFactory.Candidate candidate) {
        /** @return the plugin id */
        public String id() {
            return candidate.descriptor().id();
        }

        /** @return the plugin version */
        public String version() {
            return candidate.descriptor().version();
        }
    }

    /**
     * Drops a staged plugin that will not be started.
     *
     * @param staged the staged plugin
     */
    public void unstage(Staged staged) {
        deleteTree(staged.cacheDir());
    }

    /**
     * Builds the staged plugin's layer and starts it.
     *
     * @param staged the staged plugin
     * @param progress told of RESOLVED and STARTING
     * @return the started version, not yet registered
     * @throws PluginLoadException when it does not resolve or start
     */
    public PluginInstance start(Staged staged, Progress progress) throws PluginLoadException {
        String id = staged.id();
        try {
            ModuleLayer layer = layers.define(staged.candidate());
            progress.reached(id, staged.version(), PluginState.RESOLVED);
            PluginInstance instance = new PluginInstance(staged.candidate().descriptor(), staged.source(),
                    staged.cacheDir(), layer);
            Path data = ownerOnlyDirectories(dataRoot.resolve(id));
            progress.reached(id, staged.version(), PluginState.STARTING);
            ToolsAnnouncer announcer = new ToolsAnnouncer(id, instance.generation(), refresher);
            PluginContext context = new PluginContext(instance.descriptor(), pluginConfig.apply(id), data, sandbox,
                    new PluginServices(services, announcer));
            instance.context(context, announcer);
            PluginStarter.start(instance, context, startTimeout, runaways);
            return instance;
        } catch (IOException e) {
            deleteTree(staged.cacheDir());
            throw new PluginLoadException(id, "plugin '" + id + "' has no data directory: " + e.getMessage(), e);
        } catch (PluginLoadException e) {
            deleteTree(staged.cacheDir());
            throw e;
        }
    }

    /**
     * Asks a running version's tool providers for their tools again (see {@link ToolsAnnouncer}), under the start
     * deadline and with the checks of a start.
     *
     * @param instance the version, inside a call so that it is not stopped meanwhile
     * @return the tools it offers now
     * @throws PluginLoadException naming the plugin when a provider fails or overruns, or a name is refused
     */
    public List<Tool> askTools(PluginInstance instance) throws PluginLoadException {
        return PluginStarter.refreshTools(instance, startTimeout, runaways);
    }

    /**
     * Retires a version that no longer receives new calls: waits for calls in flight, stops it, and drops its layer.
     *
     * @param instance the version, already removed from the registrations
     * @param drainTimeout how long to wait for calls in flight
     * @param onStopping told when draining starts
     */
    public void retire(PluginInstance instance, Duration drainTimeout, Consumer<PluginInstance> onStopping) {
        instance.close();
        onStopping.accept(instance);
        try {
            int left = instance.awaitDrained(drainTimeout);
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, "plugin " + instance + " still has " + left
                        + (left == 1 ? " call" : " calls") + " in flight after " + drainTimeout.toMillis() + " ms; stopping it anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PluginStarter.stopQuietly(instance, startTimeout, runaways);
        instance.release();
        deleteTree(instance.cacheDir());
    }

    /**
     * Stops a started version that was never registered, e.g. because it conflicts with another plugin.
     *
     * @param instance the version
     */
    public void discard(PluginInstance instance) {
        PluginStarter.stopQuietly(instance, startTimeout, runaways);
        instance.release();
        deleteTree(instance.cacheDir());
    }

    /**
     * Lists a source's jars: the jar itself, or the jars directly inside a directory.
     *
     * @param source the source
     * @return the jars, sorted by name
     * @throws IOException when the directory cannot be listed
     */
    public static List<Path> jarsOf(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            return List.of(source);
        }
        try (Stream<Path> files = Files.list(source)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** Creates a directory and its missing parents as the owner's only (0700), where the file system knows modes. */
    static Path ownerOnlyDirectories(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(dir,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not delete " + dir + ": " + e.getMessage());
        }
    }
}
