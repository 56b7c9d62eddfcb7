package dev.jclaw.host.internal;

import dev.jclaw.api.ApiVersion;
import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.host.PluginLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Turns a plugin's jars into a module layer over the host's layer, with one class loader. Everything that can
 * refuse a plugin is checked before the layer is built: the descriptor, the API version, and that the plugin
 * requires nothing but its own modules, {@code dev.jclaw.api} and the JDK's.
 */
public final class LayerFactory {
    static final String API_MODULE = "dev.jclaw.api";

    private final ModuleLayer parent;

    /**
     * Creates a factory over the layer that holds {@code dev.jclaw.api}.
     *
     * @param parent the host's layer
     */
    public LayerFactory(ModuleLayer parent) {
        this.parent = parent;
        if (parent.findModule(API_MODULE).isEmpty()) {
            throw new IllegalStateException("the host must run with " + API_MODULE + " on the module path");
        }
    }

    /** A plugin whose descriptor was read and accepted, not yet resolved. */
    public record Candidate(PluginDescriptor descriptor, List<Path> jars, Path descriptorJar) {
    }

    /**
     * Reads and checks the descriptor of a plugin's jars.
     *
     * @param name the plugin's file name, for messages
     * @param jars the plugin's jars
     * @return the candidate
     * @throws PluginLoadException when there is no single valid descriptor, or the API version does not fit
     */
    public Candidate inspect(String name, List<Path> jars) throws PluginLoadException {
        PluginDescriptor found = null;
        Path foundIn = null;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                var entry = file.getJarEntry(PluginDescriptor.RESOURCE);
                if (entry == null) {
                    continue;
                }
                if (found != null) {
                    throw new PluginLoadException(name, name + " has more than one " + PluginDescriptor.RESOURCE);
                }
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(entry)) {
                    properties.load(in);
                }
                found = PluginDescriptor.from(properties);
                foundIn = jar;
            } catch (IOException e) {
                throw new PluginLoadException(name, name + " is not a readable jar: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new PluginLoadException(name, name + " has a bad descriptor: " + e.getMessage(), e);
            }
        }
        if (found == null) {
            throw new PluginLoadException(name, name + " has no " + PluginDescriptor.RESOURCE);
        }
        if (!ApiVersion.CURRENT.satisfies(found.apiVersion())) {
            throw new PluginLoadException(found.id(), "plugin '" + found.id() + "' needs plugin API "
                    + found.apiVersion() + ", but this host offers " + ApiVersion.CURRENT);
        }
        return new Candidate(found, List.copyOf(jars), foundIn);
    }

    /**
     * Resolves the candidate's modules against the host's layer and defines its layer with one class loader.
     *
     * @param candidate the candidate
     * @return the new layer
     * @throws PluginLoadException when a module is malformed, requires something not offered, or does not resolve
     */
    ModuleLayer define(Candidate candidate) throws PluginLoadException {
        String id = candidate.descriptor().id();
        try {
            ModuleFinder finder = ModuleFinder.of(candidate.jars().toArray(Path[]::new));
            Set<ModuleReference> refs = finder.findAll();
            Set<String> own = refs.stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
            ModuleReference main = refs.stream().filter(r -> r.location()
                    .map(uri -> Path.of(uri).equals(candidate.descriptorJar())).orElse(false)).findFirst()
                    .orElseThrow(() -> new PluginLoadException(id, "plugin '" + id + "' is not a module"));
            if (main.descriptor().isAutomatic()) {
                throw new PluginLoadException(id, "plugin '" + id + "' has no module-info.class; a plugin jar must"
                        + " be an explicit module that provides its services in module-info.java");
            }
            for (ModuleReference ref : refs) {
                checkRequires(id, ref.descriptor(), own);
            }
            Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), own);
            return ModuleLayer.defineModulesWithOneLoader(cf, List.of(parent), PlatformOnlyLoader.INSTANCE)
                    .layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginLoadException(id, "plugin '" + id + "' does not resolve: " + e.getMessage(), e);
        }
    }

    private void checkRequires(String id, ModuleDescriptor module, Set<String> own) throws PluginLoadException {
        List<String> missing = new ArrayList<>();
        for (ModuleDescriptor.Requires requires : module.requires()) {
            String name = requires.name();
            boolean isStatic = requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
            if (isStatic || own.contains(name) || name.equals(API_MODULE)) {
                continue;
            }
            boolean jdk = name.startsWith("java.") || name.startsWith("jdk.");
            if (!jdk || parent.findModule(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new PluginLoadException(id, "plugin '" + id + "' module " + module.name() + " requires "
                    + String.join(", ", missing) + ", which it does not bring and the host does not offer"
                    + " (plugins may require " + API_MODULE + ", loaded JDK modules and their own jars)");
        }
    }
}
