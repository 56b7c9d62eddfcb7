package dev.jclaw.testkit;

import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.api.tool.Tool;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources against the plugin API and packs them as a modular plugin jar, inside a test.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("clock", "1.0.0")
 *         .source("module-info.java", "module clock { requires dev.jclaw.api; provides ... with clock.Tools; }")
 *         .source("clock/Tools.java", "package clock; ...")
 *         .build(pluginsDir.resolve("clock.jar"));
 * }</pre>
 *
 * <p>The jar is written to a temporary file and moved into place atomically, as a careful user would copy it.
 */
public final class PluginJarBuilder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final List<Path> modulePath = new ArrayList<>();
    private String descriptor;
    private Path api;

    private PluginJarBuilder(String descriptor) {
        this.descriptor = descriptor;
    }

    /**
     * Starts a plugin jar with a descriptor for API version {@code 1.0}.
     *
     * @param id the plugin id
     * @param version the plugin version
     * @return the builder
     */
    public static PluginJarBuilder plugin(String id, String version) {
        return plugin(id, version, "1.0");
    }

    /**
     * Starts a plugin jar with a descriptor.
     *
     * @param id the plugin id
     * @param version the plugin version
     * @param apiVersion the API version the plugin claims
     * @return the builder
     */
    public static PluginJarBuilder plugin(String id, String version, String apiVersion) {
        return new PluginJarBuilder("id=" + id + "\nversion=" + version + "\napi-version=" + apiVersion + "\n");
    }

    /**
     * Starts a jar without a plugin descriptor (a library a plugin depends on).
     *
     * @return the builder
     */
    public static PluginJarBuilder library() {
        return new PluginJarBuilder(null);
    }

    /**
     * Adds a source file.
     *
     * @param path the path relative to the source root, e.g. {@code com/x/Foo.java}
     * @param code the Java code
     * @return this builder
     */
    public PluginJarBuilder source(String path, String code) {
        sources.put(path, code);
        return this;
    }

    /**
     * Adds a resource file to the jar.
     *
     * @param path the entry name
     * @param content the content
     * @return this builder
     */
    public PluginJarBuilder resource(String path, String content) {
        resources.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Replaces the descriptor text, or removes it when {@code null}.
     *
     * @param text the properties text
     * @return this builder
     */
    public PluginJarBuilder descriptor(String text) {
        this.descriptor = text;
        return this;
    }

    /**
     * Adds a jar or directory to the module path used for compiling, besides the plugin API.
     *
     * @param path the jar
     * @return this builder
     */
    public PluginJarBuilder modulePath(Path path) {
        modulePath.add(path);
        return this;
    }

    /**
     * Compiles against another build of the plugin API than the one the tests run with, e.g. a jar with an older
     * API's shape, to check that a plugin built for it still links against the current one. With a directory that
     * holds no module, compiles against no API at all (to build such an API jar itself).
     *
     * @param location a jar or classes directory holding module {@code dev.jclaw.api}, or an empty directory
     * @return this builder
     */
    public PluginJarBuilder api(Path location) {
        this.api = location;
        return this;
    }

    /**
     * Compiles and writes the jar.
     *
     * @param jar where the jar goes
     * @return the jar's path
     * @throws IllegalStateException with the compiler's messages when compilation fails
     */
    public Path build(Path jar) {
        try {
            Path work = Files.createTempDirectory("jclaw-plugin-build");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toString());
            }
            compile(files, classes);
            Path tmp = Files.createTempFile(jar.getParent(), ".building-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jarOut = new JarOutputStream(out)) {
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        put(jarOut, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                if (descriptor != null) {
                    put(jarOut, PluginDescriptor.RESOURCE, descriptor.getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                    put(jarOut, resource.getKey(), resource.getValue());
                }
            }
            return Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(List<String> files, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-Xlint:none"));
        StringBuilder path = new StringBuilder((api == null ? apiLocation() : api).toString());
        modulePath.forEach(p -> path.append(java.io.File.pathSeparator).append(p));
        args.addAll(List.of("--module-path", path.toString()));
        args.addAll(files);
        java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
        int status = compiler.run(null, messages, messages, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("plugin sources did not compile:\n" + messages.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Returns where the plugin API's classes are: a jar, or a classes directory in the build.
     *
     * @return the location
     */
    public static Path apiLocation() {
        try {
            return Path.of(Tool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        jar.putNextEntry(entry);
        jar.write(bytes);
        jar.closeEntry();
    }
}
