package dev.jclaw.host;

import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Path;

/** Builds the small plugins the host tests load: each is a real modular jar compiled in the test. */
final class TestPlugins {
    private TestPlugins() {
    }

    /**
     * A plugin offering one read tool whose body is {@code body} (Java statements returning a String), inside
     * {@code execute(ToolContext ctx)}.
     */
    static PluginJarBuilder tool(String id, String version, String toolName, String body) {
        String pkg = "p_" + id.replace('-', '_');
        return PluginJarBuilder.plugin(id, version)
                .source("module-info.java", "module " + pkg + " { requires dev.jclaw.api; "
                        + "provides dev.jclaw.api.tool.ToolProvider with " + pkg + ".Tools; }")
                .source(pkg + "/Tools.java", """
                        package %s;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.nio.file.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "%s"; }
                                    public String description() { return "test tool"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public ToolResult execute(ToolContext ctx) throws Exception {
                                        %s
                                    }
                                });
                            }
                        }
                        """.formatted(pkg, toolName, body));
    }

    /** A tool plugin answering a fixed text. */
    static Path echo(Path dir, String id, String version, String toolName, String answer) {
        return tool(id, version, toolName, "return ToolResult.ok(\"" + answer + "\");")
                .build(dir.resolve(id + ".jar"));
    }

    /** A plugin with a lifecycle whose start runs {@code startBody}, and one tool named after the id. */
    static PluginJarBuilder withLifecycle(String id, String startBody) {
        return withLifecycle(id, startBody, "");
    }

    /**
     * A plugin with a lifecycle whose start runs {@code startBody} and whose stop runs {@code stopBody}, and one tool
     * named after the id. Both bodies may use {@code static volatile boolean stopped}, which stop sets first.
     */
    static PluginJarBuilder withLifecycle(String id, String startBody, String stopBody) {
        String pkg = "p_" + id.replace('-', '_');
        return tool(id, "1.0", id.replace('-', '_'), "return ToolResult.ok(\"up\");")
                .source("module-info.java", "module " + pkg + " { requires dev.jclaw.api; "
                        + "provides dev.jclaw.api.tool.ToolProvider with " + pkg + ".Tools; "
                        + "provides dev.jclaw.api.Plugin with " + pkg + ".Life; }")
                .source(pkg + "/Life.java", """
                        package %s;
                        import dev.jclaw.api.*;
                        public final class Life implements Plugin {
                            static volatile boolean stopped;
                            public void start(PluginContext context) throws Exception { %s }
                            public void stop() throws Exception { stopped = true; %s }
                        }
                        """.formatted(pkg, startBody, stopBody));
    }
}
