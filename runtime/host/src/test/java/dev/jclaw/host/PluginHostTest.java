package dev.jclaw.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.ApiVersion;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.testkit.PluginJarBuilder;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {
    @TempDir
    Path tmp;
    Path plugins;
    Path workspace;
    PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        workspace = Files.createDirectories(tmp.resolve("workspace"));
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private PluginHost startHost() {
        host = new PluginHost(HostSettings.defaults(plugins, tmp.resolve("data"))
                .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(5)).withWatch(false));
        host.start();
        return host;
    }

    private Optional<ToolResult> call(String tool) {
        return host.tools().call(tool, new ToolContext("c1", JsonObject.EMPTY, workspace, "test:me",
                Instant.now().plusSeconds(10)));
    }

    private static String text(Optional<ToolResult> result) {
        return switch (result.orElseThrow()) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> "FAILED " + failed.message();
            case ToolResult.Denied denied -> "DENIED " + denied.reason();
        };
    }

    private PluginInfo info(String id) {
        return host.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id + " in " + host));
    }

    /** Moves a jar in under its final name at once, as a careful copy does; mtime is set in the past. */
    private void dropIn(Path built, String name) throws Exception {
        Files.setLastModifiedTime(built, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 5000
                + (long) (Math.random() * 1000)));
        Files.move(built, plugins.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Nested
    class Loading {
        @Test
        void starts_a_plugin_and_serves_its_tool() {
            TestPlugins.echo(plugins, "hello", "1.0", "hello", "hi there");
            startHost();
            assertThat(info("hello").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(info("hello").provides()).containsExactly("tool:hello");
            assertThat(text(call("hello"))).isEqualTo("hi there");
            assertThat(host.tools().list()).extracting(ToolSpec::name, ToolSpec::pluginId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("hello", "hello"));
            assertThat(host.ready()).isTrue();
        }

        @Test
        void loads_a_directory_of_jars_whose_plugin_requires_its_library() throws Exception {
            Path dir = Files.createDirectories(plugins.resolve("with-lib"));
            Path lib = PluginJarBuilder.library()
                    .source("module-info.java", "module greet.lib { exports greet.lib; }")
                    .source("greet/lib/Greeting.java", "package greet.lib; public final class Greeting {"
                            + " public static String of(String n) { return \"hello \" + n; } }")
                    .build(dir.resolve("lib.jar"));
            TestPlugins.tool("with-lib", "1.0", "greet", "return ToolResult.ok(greet.lib.Greeting.of(\"lib\"));")
                    .source("module-info.java", "module p_with_lib { requires dev.jclaw.api; requires greet.lib;"
                            + " provides dev.jclaw.api.tool.ToolProvider with p_with_lib.Tools; }")
                    .modulePath(lib)
                    .build(dir.resolve("plugin.jar"));
            startHost();
            assertThat(text(call("greet"))).isEqualTo("hello lib");
        }

        @Test
        void refuses_a_plugin_whose_required_module_is_missing() throws Exception {
            Path scratch = Files.createDirectories(tmp.resolve("scratch"));
            Path lib = PluginJarBuilder.library()
                    .source("module-info.java", "module absent.lib { exports absent.lib; }")
                    .source("absent/lib/X.java", "package absent.lib; public final class X {}")
                    .build(scratch.resolve("lib.jar"));
            TestPlugins.tool("needy", "1.0", "needy", "return ToolResult.ok(\"x\");")
                    .source("module-info.java", "module p_needy { requires dev.jclaw.api; requires absent.lib;"
                            + " provides dev.jclaw.api.tool.ToolProvider with p_needy.Tools; }")
                    .modulePath(lib)
                    .build(plugins.resolve("needy.jar"));
            TestPlugins.echo(plugins, "fine", "1.0", "fine", "ok");
            startHost();
            assertThat(info("needy").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("needy").error()).contains("requires absent.lib");
            assertThat(text(call("fine"))).isEqualTo("ok");
        }

        @Test
        void refuses_a_plugin_jar_without_module_info() throws Exception {
            TestPlugins.tool("plain", "1.0", "plain", "return ToolResult.ok(\"x\");")
                    .source("module-info.java", "module p_plain { requires dev.jclaw.api; }")
                    .build(plugins.resolve("plain.jar"));
            stripModuleInfo(plugins.resolve("plain.jar"));
            startHost();
            assertThat(info("plain").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("plain").error()).contains("has no module-info.class");
        }

        @Test
        void refuses_a_plugin_built_for_another_api_major() {
            TestPlugins.tool("future", "1.0", "future", "return ToolResult.ok(\"x\");")
                    .descriptor("id=future\nversion=1.0\napi-version=2.0\n")
                    .build(plugins.resolve("future.jar"));
            startHost();
            assertThat(info("future").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("future").error()).isEqualTo("plugin 'future' needs plugin API 2.0, but this host offers " + ApiVersion.CURRENT);
            assertThat(call("future")).isEmpty();
        }

        @Test
        void refuses_a_jar_without_descriptor_and_a_file_that_is_no_jar() throws Exception {
            TestPlugins.echo(plugins, "nodesc", "1.0", "nodesc", "x");
            TestPlugins.tool("nodesc", "1.0", "nodesc", "return null;").descriptor(null)
                    .build(plugins.resolve("nodesc.jar"));
            Files.writeString(plugins.resolve("garbage.jar"), "this is not a zip");
            startHost();
            assertThat(info("nodesc.jar").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("nodesc.jar").error()).contains("has no META-INF/jclaw-plugin.properties");
            assertThat(info("garbage.jar").error()).contains("garbage.jar is not a readable jar");
        }

        @Test
        void refuses_a_second_plugin_offering_a_taken_tool_name_naming_both() {
            TestPlugins.echo(plugins, "alpha", "1.0", "read", "from alpha");
            TestPlugins.echo(plugins, "beta", "1.0", "read", "from beta");
            startHost();
            assertThat(info("alpha").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(info("beta").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("beta").error())
                    .isEqualTo("plugin 'beta' offers the tool 'read', which plugin 'alpha' already provides");
            assertThat(text(call("read"))).isEqualTo("from alpha");
        }

        @Test
        void marks_a_plugin_failed_when_its_start_throws_and_keeps_serving_the_others() {
            TestPlugins.withLifecycle("thrower", "throw new IllegalStateException(\"no database\");")
                    .build(plugins.resolve("thrower.jar"));
            TestPlugins.echo(plugins, "steady", "1.0", "steady", "still here");
            startHost();
            assertThat(info("thrower").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("thrower").error())
                    .isEqualTo("plugin 'thrower' failed to start: IllegalStateException: no database");
            assertThat(text(call("steady"))).isEqualTo("still here");
        }

        @Test
        void marks_a_plugin_failed_when_its_start_hangs_past_the_deadline() {
            TestPlugins.withLifecycle("sleeper", "while (true) { Thread.sleep(60_000); }")
                    .build(plugins.resolve("sleeper.jar"));
            TestPlugins.echo(plugins, "steady", "1.0", "steady", "still here");
            long start = System.nanoTime();
            startHost();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(info("sleeper").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("sleeper").error()).isEqualTo("plugin 'sleeper' did not start within 1500 ms");
            assertThat(text(call("steady"))).isEqualTo("still here");
        }

        @Test
        void turns_a_throwing_tool_into_a_failed_result() {
            TestPlugins.tool("boom", "1.0", "boom", "throw new java.io.IOException(\"disk on fire\");")
                    .build(plugins.resolve("boom.jar"));
            startHost();
            assertThat(text(call("boom"))).isEqualTo("FAILED tool 'boom' failed: IOException: disk on fire");
        }
    }

    @Nested
    class Isolation {
        @Test
        void a_plugin_cannot_reach_a_non_exported_runtime_package() {
            TestPlugins.tool("snoop", "1.0", "snoop", """
                    StringBuilder out = new StringBuilder();
                    try {
                        Class.forName("dev.jclaw.host.PluginHost");
                        out.append("visible ");
                    } catch (ClassNotFoundException e) {
                        out.append("invisible ");
                    }
                    ClassLoader app = ToolContext.class.getClassLoader();
                    for (String name : List.of("dev.jclaw.host.internal.PluginLoader", "dev.jclaw.host.PluginHost")) {
                        Class<?> c = Class.forName(name, true, app);
                        java.lang.reflect.Method m = c.getMethod(name.endsWith("Loader") ? "jarsOf" : "describe",
                                Path.class);
                        try {
                            m.invoke(null, ctx.workspace());
                            out.append("invoked ");
                        } catch (IllegalAccessException e) {
                            out.append("IllegalAccessException ");
                        }
                        try {
                            m.setAccessible(true);
                            out.append("opened ");
                        } catch (RuntimeException e) {
                            out.append(e.getClass().getSimpleName()).append(' ');
                        }
                    }
                    return ToolResult.ok(out.toString().strip());
                    """).build(plugins.resolve("snoop.jar"));
            startHost();
            assertThat(text(call("snoop")))
                    .isEqualTo("invisible IllegalAccessException InaccessibleObjectException"
                            + " IllegalAccessException InaccessibleObjectException");
        }

        @Test
        void refuses_a_plugin_that_requires_a_runtime_module() throws Exception {
            Path hostClasses = Path.of(PluginHost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            TestPlugins.tool("greedy", "1.0", "greedy", "return ToolResult.ok(\"x\");")
                    .source("module-info.java", "module p_greedy { requires dev.jclaw.api; requires dev.jclaw.host;"
                            + " provides dev.jclaw.api.tool.ToolProvider with p_greedy.Tools; }")
                    .modulePath(hostClasses)
                    .build(plugins.resolve("greedy.jar"));
            startHost();
            assertThat(info("greedy").state()).isEqualTo(PluginState.FAILED);
            assertThat(info("greedy").error()).contains("requires dev.jclaw.host, which it does not bring");
        }
    }

    @Nested
    class HotReload {
        @Test
        void a_call_in_flight_finishes_on_v1_while_new_calls_reach_v2() throws Exception {
            String v1Body = """
                    Files.writeString(ctx.workspace().resolve("started"), "v1");
                    while (!Files.exists(ctx.workspace().resolve("release"))) { Thread.sleep(5); }
                    return ToolResult.ok("v1");
                    """;
            TestPlugins.tool("swap", "1.0", "swap", v1Body).build(plugins.resolve("swap.jar"));
            startHost();
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> text(call("swap")));
            await(() -> Files.exists(workspace.resolve("started")));

            Path scratch = Files.createDirectories(tmp.resolve("scratch"));
            dropIn(TestPlugins.tool("swap", "2.0", "swap", "return ToolResult.ok(\"v2\");")
                    .build(scratch.resolve("swap.jar")), "swap.jar");
            host.rescan();

            assertThat(info("swap").version()).isEqualTo("2.0");
            assertThat(info("swap").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(text(call("swap"))).isEqualTo("v2");
            assertThat(inFlight).isNotDone();
            Files.writeString(workspace.resolve("release"), "go");
            assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("v1");
        }

        @Test
        void a_removed_jar_drains_and_unloads_and_its_class_loader_is_collected() throws Exception {
            TestPlugins.echo(plugins, "gone", "1.0", "gone", "here");
            startHost();
            assertThat(text(call("gone"))).isEqualTo("here");
            WeakReference<ClassLoader> loader =
                    new WeakReference<>(host.registrations().tools().get("gone").owner().loader());

            Files.delete(plugins.resolve("gone.jar"));
            host.rescan();
            assertThat(call("gone")).isEmpty();
            await(() -> info("gone").state() == PluginState.UNINSTALLED);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (loader.get() != null && System.nanoTime() < deadline) {
                System.gc();
                byte[][] pressure = new byte[64][];
                for (int i = 0; i < pressure.length; i++) {
                    pressure[i] = new byte[1 << 20];
                }
                Thread.sleep(50);
            }
            assertThat(loader.get()).as("class loader of the unloaded plugin").isNull();
        }

        @Test
        void a_replacement_that_fails_keeps_the_old_version_serving() throws Exception {
            TestPlugins.echo(plugins, "keep", "1.0", "keep", "old");
            startHost();
            Path scratch = Files.createDirectories(tmp.resolve("scratch"));
            dropIn(TestPlugins.withLifecycle("keep", "throw new RuntimeException(\"bad build\");")
                    .build(scratch.resolve("keep.jar")), "keep.jar");
            host.rescan();
            assertThat(text(call("keep"))).isEqualTo("old");
            assertThat(info("keep").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(info("keep").error()).contains("reload failed").contains("bad build");
        }

        @Test
        void the_watcher_loads_a_new_jar_and_unloads_a_deleted_one_by_itself() throws Exception {
            host = new PluginHost(HostSettings.defaults(plugins, tmp.resolve("data")));
            host.start();
            Path scratch = Files.createDirectories(tmp.resolve("scratch"));
            dropIn(TestPlugins.echo(scratch, "late", "1.0", "late", "arrived"), "late.jar");
            await(() -> host.tools().contains("late"));
            assertThat(text(call("late"))).isEqualTo("arrived");
            Files.delete(plugins.resolve("late.jar"));
            await(() -> !host.tools().contains("late"));
        }
    }

    static void stripModuleInfo(Path jar) throws Exception {
        Path copy = jar.resolveSibling("stripped.tmp");
        try (var in = new java.util.jar.JarFile(jar.toFile());
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(copy))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                if (!entry.getName().equals("module-info.class")) {
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
