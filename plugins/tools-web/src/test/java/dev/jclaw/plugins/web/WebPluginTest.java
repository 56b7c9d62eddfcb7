package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.ApiVersion;
import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolProvider;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.PluginInfo;
import dev.jclaw.host.PluginState;
import dev.jclaw.testkit.PluginJarBuilder;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin as the host sees it: descriptor, module, configuration check, and a directory of jars that loads. */
class WebPluginTest {

    @TempDir
    Path tmp;

    /** Where the plugin jar is compiled, once for all tests: compiling takes seconds. */
    @TempDir
    static Path build;

    private static Path pluginJar;

    private PluginContext context(String config) {
        return new PluginContext(new PluginDescriptor("tools-web", "test", ApiVersion.CURRENT, ""),
                Json.parseObject(config), tmp);
    }

    @Nested
    class Module {
        @Test
        void offers_web_fetch_as_a_read_class_tool() {
            List<Tool> tools = new WebTools().tools(context("{}"));

            assertThat(tools).extracting(Tool::name).containsExactly("web_fetch");
            assertThat(tools).extracting(Tool::toolClass).containsExactly(ToolClass.READ);
        }

        @Test
        void declares_its_services_and_needs_only_the_api_the_http_client_and_jsoup() {
            ModuleDescriptor descriptor = WebTools.class.getModule().getDescriptor();

            assertThat(descriptor.name()).isEqualTo("dev.jclaw.plugins.web");
            assertThat(descriptor.provides()).extracting(ModuleDescriptor.Provides::service)
                    .containsExactlyInAnyOrder(ToolProvider.class.getName(), Plugin.class.getName());
            assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                    .containsExactlyInAnyOrder("java.base", "dev.jclaw.api", "java.net.http", "org.jsoup");
            assertThat(descriptor.exports()).isEmpty();
        }

        @Test
        void carries_its_id_and_the_filtered_version_in_the_descriptor() throws Exception {
            Properties properties = new Properties();
            try (InputStream in = WebTools.class.getResourceAsStream("/" + PluginDescriptor.RESOURCE)) {
                assertThat(in).as(PluginDescriptor.RESOURCE).isNotNull();
                properties.load(in);
            }

            PluginDescriptor descriptor = PluginDescriptor.from(properties);

            assertThat(descriptor.id()).isEqualTo("tools-web");
            assertThat(descriptor.version()).doesNotContain("${").isNotBlank();
            assertThat(ApiVersion.CURRENT.satisfies(descriptor.apiVersion())).isTrue();
        }

        @Test
        void describes_its_arguments_with_a_json_schema() {
            JsonObject schema = Json.parseObject(new WebTools().tools(context("{}")).getFirst().parametersSchema());

            assertThat(schema.optArray("required")).contains(JsonArray.of(new JsonString("url")));
            assertThat(schema.optObject("properties").orElseThrow().members()).containsOnlyKeys("url", "max_chars");
        }
    }

    @Nested
    class In_a_real_host {
        @Test
        void loads_as_a_directory_with_jsoup_beside_it_and_fetches_an_allowed_page() throws Exception {
            Path plugins = pluginDirectory();
            try (TestServer server = TestServer.start().page("/", "text/html", "<title>Hi</title><h2>Hello</h2>");
                 PluginHost host = new PluginHost(settings(plugins, "{\"allow-hosts\": [\"127.0.0.1\"]}"))) {
                host.start();

                assertThat(host.plugin("tools-web")).get().extracting(PluginInfo::state).isEqualTo(PluginState.ACTIVE);
                assertThat(host.tools().call("web_fetch", call(server.url("/")))).get()
                        .isEqualTo(ToolResult.ok("# Hi\nURL: " + server.url("/") + "\n\n## Hello"));
                assertThat(host.tools().call("web_fetch", call("http://169.254.169.254/"))).get()
                        .isInstanceOf(ToolResult.Failed.class);
            }
        }

        @Test
        void an_allowed_host_with_a_port_reaches_that_port_only() throws Exception {
            Path plugins = pluginDirectory();
            try (TestServer server = TestServer.start().page("/", "text/plain", "on the allowed port");
                 TestServer other = TestServer.start().page("/", "text/plain", "on another port");
                 PluginHost host = new PluginHost(settings(plugins, "{\"allow-hosts\": [\"127.0.0.1:"
                         + URI.create(server.url("/")).getPort() + "\"]}"))) {
                host.start();

                assertThat(host.tools().call("web_fetch", call(server.url("/")))).get().asString()
                        .contains("on the allowed port");
                assertThat(host.tools().call("web_fetch", call(other.url("/")))).get()
                        .isInstanceOf(ToolResult.Failed.class).asString().contains("web_fetch refuses 127.0.0.1");
            }
        }

        @Test
        void declared_write_class_by_configuration_so_that_the_approval_policy_for_writes_asks() throws Exception {
            Path plugins = pluginDirectory();
            try (PluginHost host = new PluginHost(settings(plugins, "{\"tool-class\": \"write\"}"))) {
                host.start();

                assertThat(host.tools().classOf("web_fetch")).contains(ToolClass.WRITE);
            }
        }

        @Test
        void fails_to_start_on_a_bad_configuration_and_says_which_key() throws Exception {
            Path plugins = pluginDirectory();
            try (PluginHost host = new PluginHost(settings(plugins, "{\"timeout-seconds\": 0}"))) {
                host.start();

                PluginInfo info = host.plugin("tools-web").orElseThrow();
                assertThat(info.state()).isEqualTo(PluginState.FAILED);
                assertThat(info.error()).contains("plugins.config.tools-web.timeout-seconds must be from 1 to 300");
                assertThat(host.tools().contains("web_fetch")).isFalse();
            }
        }

        /** plugins/tools-web/ with the plugin jar and the jsoup jar, as the distribution ships them. */
        private Path pluginDirectory() throws Exception {
            Path plugins = tmp.resolve("plugins");
            Path dir = Files.createDirectories(plugins.resolve("tools-web"));
            Files.copy(jsoupJar(), dir.resolve(jsoupJar().getFileName()));
            Files.copy(pluginJar(), dir.resolve("tools-web.jar"));
            return plugins;
        }

        private HostSettings settings(Path plugins, String config) {
            return new HostSettings(plugins, tmp.resolve("data"), Duration.ofSeconds(10), Duration.ofSeconds(10),
                    false, id -> id.equals("tools-web") ? Json.parseObject(config) : JsonObject.EMPTY);
        }

        private ToolContext call(String url) throws Exception {
            return new ToolContext("call-1", JsonObject.builder().put("url", url).build(),
                    Files.createDirectories(tmp.resolve("workspace")), "test:web", Instant.now().plusSeconds(30));
        }
    }

    /** Compiles this project's sources into a real plugin jar, against the API and jsoup, as the host will see it. */
    private static synchronized Path pluginJar() throws Exception {
        if (pluginJar == null) {
            PluginJarBuilder jar = PluginJarBuilder.plugin("tools-web", "1.0.0").modulePath(jsoupJar());
            Path src = Path.of("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    jar.source(src.relativize(file).toString(), Files.readString(file));
                }
            }
            pluginJar = jar.build(build.resolve("tools-web.jar"));
        }
        return pluginJar;
    }

    private static Path jsoupJar() throws Exception {
        return Path.of(Jsoup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
