package dev.jclaw.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.ApiVersion;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileToolsTest {

    @TempDir
    Path data;

    @Nested
    class Provider {
        @Test
        void offers_five_tools_with_their_classes() {
            PluginContext context = new PluginContext(
                    new PluginDescriptor("tools-files", "test", ApiVersion.CURRENT, ""), JsonObject.EMPTY, data);

            List<Tool> tools = new FileTools().tools(context);

            assertThat(tools).extracting(Tool::name).containsExactly("read", "write", "edit", "grep", "glob");
            assertThat(tools).extracting(Tool::toolClass).containsExactly(ToolClass.READ, ToolClass.WRITE,
                    ToolClass.WRITE, ToolClass.READ, ToolClass.READ);
        }

        @Test
        void is_declared_as_a_tool_provider_in_module_info() {
            ModuleDescriptor descriptor = FileTools.class.getModule().getDescriptor();

            assertThat(descriptor.name()).isEqualTo("dev.jclaw.plugins.files");
            assertThat(descriptor.provides())
                    .anySatisfy(provides -> {
                        assertThat(provides.service()).isEqualTo(ToolProvider.class.getName());
                        assertThat(provides.providers()).containsExactly(FileTools.class.getName());
                    });
            assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                    .containsExactlyInAnyOrder("java.base", "dev.jclaw.api");
        }
    }

    @Nested
    class Descriptor {
        @Test
        void carries_the_plugin_id_and_the_filtered_project_version() throws Exception {
            Properties properties = new Properties();
            try (InputStream in = FileTools.class.getResourceAsStream("/" + PluginDescriptor.RESOURCE)) {
                assertThat(in).as(PluginDescriptor.RESOURCE).isNotNull();
                properties.load(in);
            }

            PluginDescriptor descriptor = PluginDescriptor.from(properties);

            assertThat(descriptor.id()).isEqualTo("tools-files");
            assertThat(descriptor.version()).doesNotContain("${").isNotBlank();
            assertThat(ApiVersion.CURRENT.satisfies(descriptor.apiVersion())).isTrue();
            assertThat(descriptor.description()).isNotBlank();
        }
    }

    @Nested
    class Schema {
        @Test
        void is_a_json_object_schema_that_requires_only_the_path() {
            JsonObject schema = Json.parseObject(new ReadTool().parametersSchema());

            assertThat(schema.string("type")).isEqualTo("object");
            assertThat(schema.optArray("required")).contains(JsonArray.of(new JsonString("path")));
            assertThat(schema.optObject("properties").orElseThrow().members())
                    .containsOnlyKeys("path", "offset", "limit");
        }

        @Test
        void names_the_limits_the_tool_enforces() {
            JsonObject limit = Json.parseObject(new ReadTool().parametersSchema())
                    .optObject("properties").orElseThrow().optObject("limit").orElseThrow();

            assertThat(limit.optLong("maximum")).contains((long) ReadTool.MAX_LIMIT);
            assertThat(limit.optLong("default")).contains((long) ReadTool.DEFAULT_LIMIT);
        }
    }

    static List<Named<Tool>> allTools() {
        return new FileTools().tools(new PluginContext(new PluginDescriptor("tools-files", "test", ApiVersion.CURRENT,
                ""), JsonObject.EMPTY, Path.of("."))).stream().map(tool -> Named.of(tool.name(), tool)).toList();
    }

    @Nested
    class EveryTool {
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jclaw.plugins.files.FileToolsTest#allTools")
        void has_a_closed_object_schema_with_a_description_for_the_model(Tool tool) {
            JsonObject schema = Json.parseObject(tool.parametersSchema());

            assertThat(tool.name()).matches("[a-z_]{1,64}");
            assertThat(tool.description()).isNotBlank();
            assertThat(schema.string("type")).isEqualTo("object");
            assertThat(schema.get("additionalProperties")).contains(JsonBoolean.FALSE);
            assertThat(schema.optArray("required")).isPresent();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.jclaw.plugins.files.FileToolsTest#allTools")
        void refuses_an_argument_its_schema_does_not_list_by_name(Tool tool) throws Exception {
            JsonObject properties = Json.parseObject(tool.parametersSchema()).optObject("properties").orElseThrow();
            JsonObject.Builder arguments = JsonObject.builder().put("bogus", "x");
            properties.members().keySet().forEach(name -> arguments.put(name, "x"));

            String message = ToolCalls.failure(ToolCalls.call(tool, data, arguments.build()));

            assertThat(message).startsWith("unknown argument 'bogus'");
            properties.members().keySet().forEach(name -> assertThat(message).contains(name));
        }
    }

    /** The sequence the end-to-end test drives through a real model turn, with the outputs it expects. */
    @Nested
    class OneTurn {
        @Test
        void writes_edits_greps_and_globs_a_file() throws Exception {
            assertThat(ToolCalls.content(ToolCalls.call(new WriteTool(), data,
                    ToolCalls.args("path", "src/app.txt", "content", "version = 1\n"))))
                    .isEqualTo("created src/app.txt (1 line, 12 bytes)");
            assertThat(ToolCalls.content(ToolCalls.call(new EditTool(), data,
                    ToolCalls.args("path", "src/app.txt", "old_string", "= 1", "new_string", "= 2"))))
                    .isEqualTo("replaced 1 occurrence in src/app.txt (line 1)");
            assertThat(ToolCalls.content(ToolCalls.call(new GrepTool(), data, ToolCalls.args("pattern", "version"))))
                    .isEqualTo("src/app.txt:1: version = 2");
            assertThat(ToolCalls.content(ToolCalls.call(new GlobTool(), data, ToolCalls.args("pattern", "**/*.txt"))))
                    .isEqualTo("src/app.txt");
        }
    }
}
