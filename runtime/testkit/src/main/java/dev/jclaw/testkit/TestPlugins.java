package dev.jclaw.testkit;

import java.nio.file.Path;

/** Small real plugins that tests of several modules share. */
public final class TestPlugins {
    private TestPlugins() {
    }

    /**
     * Builds {@code note-tool.jar}: one write-class tool, {@code note}, that appends the line {@code noted} to
     * {@code notes.txt} in the turn's workspace — the smallest call a tier or an approval has to stop.
     *
     * @param plugins the plugins directory to build it into
     * @return the jar
     */
    public static Path noteTool(Path plugins) {
        return PluginJarBuilder.plugin("note-tool", "1.0")
                .source("module-info.java", "module note.tool { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with note.tool.Tools; }")
                .source("note/tool/Tools.java", """
                        package note.tool;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.nio.file.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "note"; }
                                    public String description() { return "writes a note"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.WRITE; }
                                    public ToolResult execute(ToolContext ctx) throws Exception {
                                        Files.writeString(ctx.workspace().resolve("notes.txt"), "noted\\n",
                                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                                        return ToolResult.ok("noted");
                                    }
                                });
                            }
                        }
                        """)
                .build(plugins.resolve("note-tool.jar"));
    }
}
