package dev.jclaw.host.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * The parent class loader of every plugin layer: it sees the JDK's platform and boot classes and nothing else.
 *
 * <p>The JDK's own platform loader would hand a plugin's {@code Class.forName("dev.jclaw.host...")} on to the
 * application loader, because the built-in loaders share one package map. This loader refuses any package that is
 * not in a module of the boot or platform loader, so the host's classes are not even visible to a plugin; the
 * modules a plugin reads (its own, {@code dev.jclaw.api}) never reach this loader.
 */
final class PlatformOnlyLoader extends ClassLoader {
    static final PlatformOnlyLoader INSTANCE = new PlatformOnlyLoader();

    private final Set<String> packages = new HashSet<>();

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private PlatformOnlyLoader() {
        super("jclaw-plugin-parent", ClassLoader.getPlatformClassLoader());
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            if (loader == null || loader == platform) {
                packages.addAll(module.getPackages());
            }
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int dot = name.lastIndexOf('.');
        String pkg = dot < 0 ? "" : name.substring(0, dot);
        if (!packages.contains(pkg)) {
            throw new ClassNotFoundException(name + " is not visible to plugins");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public java.net.URL getResource(String name) {
        return name.startsWith("dev/jclaw/") ? null : super.getResource(name);
    }
}
