package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static dev.jclaw.server.JClawServerTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.admin.ServerLock;
import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server per data directory; what the server says about its plugins' health. */
class ServerLockTest {
    @TempDir
    Path home;
    Path plugins;
    JClawServer server;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        TestServers.channelPlugin(plugins);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<Path> cachedJars(JClawConfig config) throws Exception {
        try (Stream<Path> files = Files.walk(config.dataDir().resolve("plugin-cache"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Nested
    class SecondServer {
        @Test
        void refuses_to_start_naming_the_running_one_and_leaves_it_alone() throws Exception {
            JClawConfig config = TestServers.config(home, plugins);
            server = TestServers.start(config).server();
            String runtimeFile = Files.readString(RuntimeFile.path(config.dataDir()));
            List<Path> copies = cachedJars(config);

            assertThatThrownBy(() -> TestServers.start(config))
                    .isInstanceOf(ServerLock.HeldException.class)
                    .hasMessage("another JClaw server (pid " + ProcessHandle.current().pid() + ", " + server.url()
                            + ") is already running on the data directory " + config.dataDir()
                            + "; stop it first, or start this one with another JCLAW_HOME");

            assertThat(RuntimeFile.path(config.dataDir())).hasContent(runtimeFile);
            assertThat(cachedJars(config)).isEqualTo(copies).isNotEmpty();
            assertThat(get(server.url() + "/hello", null).body()).isEqualTo("hello world");
        }

        @Test
        void starts_over_the_files_of_a_server_that_died() throws Exception {
            JClawConfig config = TestServers.config(home, plugins);
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            new RuntimeFile("http://127.0.0.1:1", gone.pid(), "old-token").write(config.dataDir());
            Files.writeString(ServerLock.path(config.dataDir()), gone.pid() + "\n");

            server = TestServers.start(config).server();
            assertThat(RuntimeFile.read(config.dataDir())).get().extracting(RuntimeFile::pid)
                    .isEqualTo(ProcessHandle.current().pid());
        }

        @Test
        void starts_once_the_first_one_stopped() throws Exception {
            JClawConfig config = TestServers.config(home, plugins);
            TestServers.start(config).server().close();
            server = TestServers.start(config).server();
            assertThat(get(server.url() + "/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class PluginHealth {
        @Test
        void shows_a_plugin_that_provides_nothing_with_a_warning() throws Exception {
            PluginJarBuilder.plugin("hollow", "1.0")
                    .source("module-info.java", "module hollow { requires dev.jclaw.api; }")
                    .source("hollow/Nothing.java", "package hollow; public final class Nothing {}")
                    .build(plugins.resolve("hollow.jar"));
            TestServers.Started started = TestServers.start(TestServers.config(home, plugins));
            server = started.server();
            JsonObject hollow = Json.parseObject(get(server.url() + "/api/plugins/hollow",
                    tokenIn(started.output())).body());
            assertThat(hollow.string("state")).isEqualTo("ACTIVE");
            assertThat(hollow.string("warning")).startsWith("plugin 'hollow' provides no service");
            JsonObject channel = Json.parseObject(get(server.url() + "/api/plugins/hello-channel",
                    tokenIn(started.output())).body());
            assertThat(channel.optString("warning")).isEmpty();
        }

        @Test
        void exposes_the_count_of_runaway_plugin_threads_as_a_gauge() throws Exception {
            TestServers.Started started = TestServers.start(TestServers.config(home, plugins));
            server = started.server();
            assertThat(get(server.url() + "/metrics", tokenIn(started.output())).body())
                    .contains("# TYPE jclaw_plugin_runaway_threads gauge\njclaw_plugin_runaway_threads 0\n");
        }
    }
}
