package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.ApiVersion;
import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolProvider;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellPluginTest {

    @TempDir
    Path data;

    private PluginContext context(String configJson) {
        return new PluginContext(new PluginDescriptor("tools-shell", "test", ApiVersion.CURRENT, ""),
                Json.parseObject(configJson), data);
    }

    @Nested
    class Start {
        @Test
        void succeeds_with_no_configuration() {
            ShellPlugin plugin = new ShellPlugin();

            assertThatCode(() -> plugin.start(context("{}"))).doesNotThrowAnyException();
            assertThatCode(plugin::stop).doesNotThrowAnyException();
        }

        @Test
        void fails_on_a_value_of_the_wrong_type_saying_which_key_and_why() {
            assertThatThrownBy(() -> new ShellPlugin().start(context("{\"output-chars\": \"lots\"}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("plugins.config.tools-shell.output-chars must be an integer from 100 to 10000000, "
                            + "got the string \"lots\"");
        }

        @Test
        void fails_on_an_unknown_key() {
            assertThatThrownBy(() -> new ShellPlugin().start(context("{\"allow_env\": [\"X\"]}")))
                    .hasMessageStartingWith("unknown key 'allow_env' in plugins.config.tools-shell");
        }

        @Test
        void can_be_stopped_after_a_start_that_threw() {
            ShellPlugin plugin = new ShellPlugin();
            assertThatThrownBy(() -> plugin.start(context("{\"kill-grace-seconds\": 100}")));

            assertThatCode(plugin::stop).doesNotThrowAnyException();
        }
    }

    @Nested
    class Shell_lookup {
        @Test
        void finds_bash() {
            Shell shell = Shell.locate(System.getenv());

            assertThat(shell.bash()).isAbsolute().isExecutable();
            assertThat(shell.commandLine("echo hi")).endsWith(shell.bash().toString(), "-c", "echo hi");
        }

        @Test
        void looks_on_the_path_after_the_usual_places() {
            Shell shell = Shell.locate(java.util.Map.of("PATH", "/nonexistent:relative/dir"));

            assertThat(shell.bash().toString()).isIn("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash");
        }
    }

    @Nested
    class Provider {
        @Test
        void offers_the_bash_tool_as_a_write_class_tool() {
            List<Tool> tools = new ShellTools().tools(context("{\"timeout-seconds-max\": 60}"));

            assertThat(tools).extracting(Tool::name).containsExactly("bash");
            assertThat(tools).extracting(Tool::toolClass).containsExactly(ToolClass.WRITE);
            assertThat(tools.getFirst().description()).contains("at most 60");
        }

        @Test
        void is_declared_with_the_lifecycle_in_module_info() {
            ModuleDescriptor descriptor = ShellTools.class.getModule().getDescriptor();

            assertThat(descriptor.name()).isEqualTo("dev.jclaw.plugins.shell");
            assertThat(descriptor.provides()).extracting(ModuleDescriptor.Provides::service)
                    .containsExactlyInAnyOrder(ToolProvider.class.getName(), Plugin.class.getName());
            assertThat(descriptor.provides()).flatExtracting(ModuleDescriptor.Provides::providers)
                    .containsExactlyInAnyOrder(ShellTools.class.getName(), ShellPlugin.class.getName());
            assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                    .containsExactlyInAnyOrder("java.base", "dev.jclaw.api");
            assertThat(descriptor.exports()).isEmpty();
        }
    }

    @Nested
    class Descriptor {
        @Test
        void carries_the_plugin_id_and_the_filtered_project_version() throws Exception {
            Properties properties = new Properties();
            try (InputStream in = ShellTools.class.getResourceAsStream("/" + PluginDescriptor.RESOURCE)) {
                assertThat(in).as(PluginDescriptor.RESOURCE).isNotNull();
                properties.load(in);
            }

            PluginDescriptor descriptor = PluginDescriptor.from(properties);

            assertThat(descriptor.id()).isEqualTo("tools-shell");
            assertThat(descriptor.version()).doesNotContain("${").isNotBlank();
            assertThat(ApiVersion.CURRENT.satisfies(descriptor.apiVersion())).isTrue();
            assertThat(descriptor.description()).isNotBlank();
        }
    }
}
