package dev.jclaw.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin built against plugin API 1.2, whose {@code PluginContext} had four components and no host services, still
 * loads and runs on this host. The plugin is compiled against a jar with the 1.2 shape of the types it uses, so its
 * class files link against the current API exactly as an old plugin jar's would.
 */
class OldApiPluginTest {
    @TempDir
    Path tmp;
    PluginHost host;

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
    }

    /** The 1.2 shapes of the API types an old tool plugin uses (PluginContext as it was before 1.3). */
    static Path api12(Path dir) throws Exception {
        return PluginJarBuilder.library().api(Files.createDirectories(dir.resolve("no-api")))
                .source("module-info.java", "module dev.jclaw.api { exports dev.jclaw.api; exports dev.jclaw.api.tool;"
                        + " exports dev.jclaw.api.json; exports dev.jclaw.api.process; }")
                .source("dev/jclaw/api/ApiVersion.java",
                        "package dev.jclaw.api; public record ApiVersion(int major, int minor) {}")
                .source("dev/jclaw/api/PluginDescriptor.java", "package dev.jclaw.api; public record PluginDescriptor("
                        + "String id, String version, ApiVersion apiVersion, String description) {}")
                .source("dev/jclaw/api/PluginContext.java", """
                        package dev.jclaw.api;
                        public record PluginContext(PluginDescriptor descriptor, dev.jclaw.api.json.JsonObject config,
                                java.nio.file.Path dataDirectory, dev.jclaw.api.process.ProcessSandbox sandbox) {
                            public System.Logger logger() { throw new UnsupportedOperationException(); }
                        }
                        """)
                .source("dev/jclaw/api/Plugin.java", "package dev.jclaw.api; public interface Plugin {"
                        + " default void start(PluginContext context) throws Exception {}"
                        + " default void stop() throws Exception {} }")
                .source("dev/jclaw/api/json/JsonObject.java", "package dev.jclaw.api.json; public record JsonObject("
                        + "java.util.Map<String, Object> members) { public int size() { return members.size(); } }")
                .source("dev/jclaw/api/process/ProcessSandbox.java",
                        "package dev.jclaw.api.process; public interface ProcessSandbox {}")
                .source("dev/jclaw/api/tool/ToolClass.java",
                        "package dev.jclaw.api.tool; public enum ToolClass { READ, WRITE }")
                .source("dev/jclaw/api/tool/ToolContext.java",
                        "package dev.jclaw.api.tool; public record ToolContext(String callId) {}")
                .source("dev/jclaw/api/tool/ToolResult.java", "package dev.jclaw.api.tool; public sealed interface"
                        + " ToolResult { record Ok(String content) implements ToolResult {}"
                        + " static ToolResult ok(String content) { return new Ok(content); } }")
                .source("dev/jclaw/api/tool/Tool.java", "package dev.jclaw.api.tool; public interface Tool {"
                        + " String name(); String description(); String parametersSchema(); ToolClass toolClass();"
                        + " ToolResult execute(ToolContext context) throws Exception; }")
                .source("dev/jclaw/api/tool/ToolProvider.java", "package dev.jclaw.api.tool; public interface"
                        + " ToolProvider { java.util.List<Tool> tools(dev.jclaw.api.PluginContext context); }")
                .build(Files.createDirectories(dir.resolve("api-1.2")).resolve("jclaw-api-1.2.jar"));
    }

    private static PluginJarBuilder oldPlugin(String toolBody) {
        return PluginJarBuilder.plugin("old", "1.0", "1.2")
                .source("module-info.java", "module old.plugin { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with old.plugin.Tools;"
                        + " provides dev.jclaw.api.Plugin with old.plugin.Life; }")
                .source("old/plugin/Life.java", """
                        package old.plugin;
                        import dev.jclaw.api.*;
                        public final class Life implements Plugin {
                            static volatile PluginContext copy;
                            public void start(PluginContext context) {
                                // the four-component constructor, as a 1.2 plugin's own tests and wrappers call it
                                copy = new PluginContext(context.descriptor(), context.config(),
                                        context.dataDirectory(), context.sandbox());
                            }
                        }
                        """)
                .source("old/plugin/Tools.java", """
                        package old.plugin;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "old_tool"; }
                                    public String description() { return "built for API 1.2"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public ToolResult execute(ToolContext ctx) { %s }
                                });
                            }
                        }
                        """.formatted(toolBody));
    }

    @Test
    void a_plugin_built_against_api_1_2_loads_and_runs() throws Exception {
        Path api = api12(tmp);
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        oldPlugin("""
                PluginContext c = Life.copy;
                return ToolResult.ok(c.descriptor().id() + " " + c.descriptor().apiVersion().minor() + " "
                        + c.config().size() + " " + c.dataDirectory().getFileName() + " " + (c.sandbox() != null));
                """).api(api).build(plugins.resolve("old.jar"));
        host = new PluginHost(HostSettings.defaults(plugins, tmp.resolve("data"))
                .withServices(new HostServiceRegistry())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withWatch(false));
        host.start();

        PluginInfo old = host.plugin("old").orElseThrow();
        assertThat(old.state()).as(old.error()).isEqualTo(PluginState.ACTIVE);
        ToolResult result = host.tools().call("old_tool", new ToolContext("c1", JsonObject.EMPTY, tmp, "test:me",
                Instant.now().plusSeconds(10))).orElseThrow();
        assertThat(result).isEqualTo(ToolResult.ok("old 2 0 old true"));
    }

    @Test
    void the_old_shape_really_has_no_host_services() throws Exception {
        Path api = api12(tmp);
        assertThatThrownBy(() -> oldPlugin("return ToolResult.ok(String.valueOf(Life.copy.services()));")
                .api(api).build(Files.createDirectories(tmp.resolve("out")).resolve("new.jar")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("services()");
    }
}
