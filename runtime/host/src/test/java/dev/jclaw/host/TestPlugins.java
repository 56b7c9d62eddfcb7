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

    /** The system property under which a {@link #dynamic} plugin version leaves its ToolsChanged for the test. */
    static String announcerKey(String id, String version) {
        return "jclaw.test.toolsChanged." + id + "." + version;
    }

    /**
     * A plugin whose tools are listed in {@code tools.txt} in its data directory, one name a line ({@code alpha} when
     * the file is absent), read each time the host asks; each ask appends a line to {@code asked.log} there, and
     * waits 300 ms first when {@code slow-ask} exists. A tool whose name starts with {@code slow} waits for
     * {@code release} in the workspace (after writing {@code started}); every tool answers
     * {@code <name> from <version>}; {@code <id>_ctl} announces {@code times} times from inside a tool call. At start
     * the plugin leaves its ToolsChanged in the system properties under {@link #announcerKey}.
     */
    static PluginJarBuilder dynamic(String id, String version) {
        String pkg = "p_" + id.replace('-', '_');
        return PluginJarBuilder.plugin(id, version, "1.3")
                .source("module-info.java", "module " + pkg + " { requires dev.jclaw.api; "
                        + "provides dev.jclaw.api.tool.ToolProvider with " + pkg + ".Tools; "
                        + "provides dev.jclaw.api.Plugin with " + pkg + ".Life; }")
                .source(pkg + "/Life.java", """
                        package %1$s;
                        import dev.jclaw.api.*;
                        import dev.jclaw.api.tool.ToolsChanged;
                        public final class Life implements Plugin {
                            public void start(PluginContext context) {
                                System.getProperties().put("%2$s",
                                        context.services().find(ToolsChanged.class).orElseThrow());
                            }
                        }
                        """.formatted(pkg, announcerKey(id, version)))
                .source(pkg + "/Tools.java", """
                        package %1$s;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.nio.file.*;
                        import java.util.*;
                        public final class Tools implements ToolProvider {
                            record T(String name, String description, Body body) implements Tool {
                                public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                public ToolClass toolClass() { return ToolClass.READ; }
                                public ToolResult execute(ToolContext ctx) throws Exception { return body.run(ctx); }
                            }
                            interface Body { ToolResult run(ToolContext ctx) throws Exception; }
                            public List<Tool> tools(PluginContext context) {
                                Path data = context.dataDirectory();
                                try {
                                    Files.writeString(data.resolve("asked.log"), "asked\\n", StandardOpenOption.CREATE,
                                            StandardOpenOption.APPEND);
                                    if (Files.exists(data.resolve("slow-ask"))) {
                                        Thread.sleep(300);
                                    }
                                    Path list = data.resolve("tools.txt");
                                    List<String> names = Files.exists(list) ? Files.readAllLines(list) : List.of("alpha");
                                    List<Tool> out = new ArrayList<>();
                                    ToolsChanged changed = context.services().find(ToolsChanged.class).orElseThrow();
                                    out.add(new T("%3$s_ctl", "announces", ctx -> {
                                        long times = ctx.arguments().optLong("times").orElse(1L);
                                        for (long i = 0; i < times; i++) {
                                            changed.announce();
                                        }
                                        return ToolResult.ok("announced " + times);
                                    }));
                                    for (String name : names) {
                                        if (name.isBlank()) {
                                            continue;
                                        }
                                        out.add(new T(name.strip(), "the " + name.strip() + " tool", ctx -> {
                                            if (name.startsWith("slow")) {
                                                Files.writeString(ctx.workspace().resolve("started"), "yes");
                                                while (!Files.exists(ctx.workspace().resolve("release"))) {
                                                    Thread.sleep(5);
                                                }
                                            }
                                            return ToolResult.ok(name.strip() + " from %4$s");
                                        }));
                                    }
                                    return out;
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        }
                        """.formatted(pkg, announcerKey(id, version), id.replace('-', '_'), version));
    }
}
