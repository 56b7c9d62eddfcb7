package dev.jclaw.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the host does about plugins that do nothing, try to stop the process, or share a data directory. */
class PluginGuardsTest {
    @TempDir
    Path tmp;
    Path plugins;
    Path data;
    PluginHost host;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        data = tmp.resolve("data");
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    private PluginHost startHost() {
        host = newHost();
        host.start();
        return host;
    }

    private PluginHost newHost() {
        return new PluginHost(HostSettings.defaults(plugins, data)
                .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(5)).withWatch(false));
    }

    private PluginInfo info(String id) {
        return host.plugin(id).orElseThrow(() -> new AssertionError("no plugin " + id + " in " + host));
    }

    private String call(String tool, String arguments) {
        ToolResult result = host.tools().call(tool, new ToolContext("c1", Json.parseObject(arguments),
                tmp, "test:me", Instant.now().plusSeconds(10))).orElseThrow();
        return switch (result) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> "FAILED " + failed.message();
            case ToolResult.Denied denied -> "DENIED " + denied.reason();
        };
    }

    @Nested
    class Idle {
        @Test
        void warns_about_a_plugin_whose_module_provides_no_service() {
            PluginJarBuilder.plugin("hollow", "1.0")
                    .source("module-info.java", "module hollow { requires dev.jclaw.api; }")
                    .source("hollow/Nothing.java", "package hollow; public final class Nothing {}")
                    .build(plugins.resolve("hollow.jar"));
            startHost();
            assertThat(info("hollow").state()).isEqualTo(PluginState.ACTIVE);
            assertThat(info("hollow").lastWarning()).contains("plugin 'hollow' provides no service: its"
                    + " module-info.java has no 'provides' line for a ToolProvider, Hook, Channel, CommandProvider or"
                    + " Plugin, so it does nothing");
        }

        @Test
        void warns_about_a_plugin_whose_providers_return_nothing() {
            PluginJarBuilder.plugin("empty", "1.0")
                    .source("module-info.java", "module empty { requires dev.jclaw.api;"
                            + " provides dev.jclaw.api.tool.ToolProvider with empty.Tools; }")
                    .source("empty/Tools.java", "package empty; public final class Tools implements"
                            + " dev.jclaw.api.tool.ToolProvider { public java.util.List<dev.jclaw.api.tool.Tool>"
                            + " tools(dev.jclaw.api.PluginContext c) { return java.util.List.of(); } }")
                    .build(plugins.resolve("empty.jar"));
            startHost();
            assertThat(info("empty").lastWarning()).contains("plugin 'empty' registered nothing: its providers"
                    + " returned no tools, hooks, endpoints or commands");
        }

        @Test
        void does_not_warn_about_a_plugin_with_tools_or_with_a_lifecycle_only() {
            TestPlugins.echo(plugins, "busy", "1.0", "busy", "x");
            PluginJarBuilder.plugin("daemon", "1.0")
                    .source("module-info.java", "module daemon { requires dev.jclaw.api;"
                            + " provides dev.jclaw.api.Plugin with daemon.Life; }")
                    .source("daemon/Life.java", "package daemon; public final class Life implements"
                            + " dev.jclaw.api.Plugin { public void start(dev.jclaw.api.PluginContext c) {} }")
                    .build(plugins.resolve("daemon.jar"));
            startHost();
            assertThat(host.plugins()).extracting(PluginInfo::warning).containsExactly("", "");
        }
    }

    @Nested
    class ExitCalls {
        private static final String QUITTER = """
                String how = ctx.arguments().optString("how").orElse("none");
                Shape shape = how.length() > 4 ? new Square() : new Circle(); // a merge the stack maps must type
                switch (how) {
                    case "system" -> System.exit(3);
                    case "runtime" -> Runtime.getRuntime().exit(4);
                    case "halt" -> Runtime.getRuntime().halt(5);
                    default -> { }
                }
                return ToolResult.ok("still here: " + shape.name());
                """;

        private Path quitter() {
            return TestPlugins.tool("quitter", "1.0", "quit", QUITTER)
                    .source("p_quitter/Shape.java", "package p_quitter; abstract class Shape {"
                            + " abstract String name(); }")
                    .source("p_quitter/Square.java", "package p_quitter; final class Square extends Shape {"
                            + " String name() { return \"square\"; } }")
                    .source("p_quitter/Circle.java", "package p_quitter; final class Circle extends Shape {"
                            + " String name() { return \"circle\"; } }")
                    .build(plugins.resolve("quitter.jar"));
        }

        @Test
        void a_tool_that_calls_an_exit_method_fails_and_the_host_lives_on() {
            quitter();
            startHost();
            assertThat(call("quit", "{\"how\": \"system\"}")).isEqualTo("FAILED tool 'quit' failed:"
                    + " SecurityException: plugin 'quitter' called System.exit; plugins cannot stop the server");
            assertThat(call("quit", "{\"how\": \"runtime\"}"))
                    .endsWith("plugin 'quitter' called Runtime.exit; plugins cannot stop the server");
            assertThat(call("quit", "{\"how\": \"halt\"}"))
                    .endsWith("plugin 'quitter' called Runtime.halt; plugins cannot stop the server");
            assertThat(call("quit", "{}")).isEqualTo("still here: circle");
            assertThat(call("quit", "{\"how\": \"other\"}")).isEqualTo("still here: square");
        }

        @Test
        void rewrites_the_private_copy_and_leaves_the_jar_in_the_plugins_directory_alone() throws Exception {
            byte[] original = Files.readAllBytes(quitter());
            startHost();
            assertThat(plugins.resolve("quitter.jar")).hasBinaryContent(original);
            assertThat(cachedJars()).singleElement().satisfies(copy ->
                    assertThat(Files.readAllBytes(copy)).isNotEqualTo(original));
        }

        @Test
        void a_start_that_calls_system_exit_fails_the_plugin_only() {
            TestPlugins.withLifecycle("bye", "System.exit(1);").build(plugins.resolve("bye.jar"));
            TestPlugins.echo(plugins, "steady", "1.0", "steady", "still here");
            startHost();
            assertThat(info("bye").error()).isEqualTo("plugin 'bye' failed to start: SecurityException: plugin 'bye'"
                    + " called System.exit; plugins cannot stop the server");
            assertThat(call("steady", "{}")).isEqualTo("still here");
        }
    }

    @Nested
    class Cache {
        @Test
        void a_second_host_on_the_same_data_directory_leaves_the_first_ones_copies_alone() throws Exception {
            TestPlugins.echo(plugins, "shared", "1.0", "shared", "from the first");
            startHost();
            List<Path> firstCopies = cachedJars();
            assertThat(firstCopies).hasSize(1);

            try (PluginHost second = newHost()) {
                second.start();
                assertThat(cachedJars()).hasSize(2).containsAll(firstCopies);
            }
            assertThat(cachedJars()).containsExactlyElementsOf(firstCopies);
            assertThat(call("shared", "{}")).isEqualTo("from the first");
        }

        @Test
        void removes_copies_of_processes_that_are_gone_and_its_own_when_it_closes() throws Exception {
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Path stale = Files.createDirectories(data.resolve("plugin-cache/" + gone.pid() + "-1/x.jar-1"));
            Path legacy = Files.createDirectories(data.resolve("plugin-cache/x.jar-7"));
            Path live = Files.createDirectories(data.resolve("plugin-cache/" + ProcessHandle.current().pid() + "-999"));
            TestPlugins.echo(plugins, "one", "1.0", "one", "1");
            startHost();
            assertThat(stale.getParent()).doesNotExist();
            assertThat(legacy).doesNotExist();
            assertThat(live).exists();
            assertThat(cachedJars()).hasSize(1);

            host.close();
            assertThat(cachedJars()).isEmpty();
            assertThat(live).exists();
        }
    }

    private List<Path> cachedJars() throws Exception {
        try (Stream<Path> files = Files.walk(data.resolve("plugin-cache"))) {
            return files.filter(f -> f.toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        }
    }
}
