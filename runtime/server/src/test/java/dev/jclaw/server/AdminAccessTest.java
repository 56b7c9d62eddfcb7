package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static dev.jclaw.server.JClawServerTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.sandbox.SandboxSettings;
import dev.jclaw.core.metrics.MetricRegistry;
import dev.jclaw.core.sandbox.HostSandbox;
import dev.jclaw.core.sandbox.SandboxPaths;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.http.AdminRoutes;
import io.helidon.webserver.WebServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the local CLI token in {@code run/server.json} opens, and how readiness reports the sandbox. */
class AdminAccessTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class TheLocalCliToken {
        Path home;
        JClawServer server;
        String admin;
        String local;

        @BeforeAll
        void start() throws Exception {
            home = Files.createTempDirectory("jclaw-admin-access");
            Path plugins = home.resolve("plugins");
            TestServers.channelPlugin(plugins);
            TestServers.Started started = TestServers.start(TestServers.config(home, plugins,
                    Map.of("JCLAW_SANDBOX_ENABLED", "false")));
            server = started.server();
            admin = tokenIn(started.output());
            local = RuntimeFile.read(home.resolve("data")).orElseThrow().token();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void reads_the_plugin_list_for_jclaw_plugins() throws Exception {
            assertThat(get(server.url() + "/api/plugins", local).statusCode()).isEqualTo(200);
            assertThat(get(server.url() + "/api/plugins/hello-channel", local).statusCode()).isEqualTo(200);
        }

        @Test
        void is_refused_everywhere_else_with_403_and_a_json_error() throws Exception {
            HttpResponse<String> metrics = get(server.url() + "/metrics", local);

            assertThat(metrics.statusCode()).isEqualTo(403);
            assertThat(Json.parseObject(metrics.body()).string("error"))
                    .isEqualTo("the local CLI token only reads /api/plugins; send the admin token for /metrics");
        }

        @Test
        void leaves_the_admin_token_its_full_rights() throws Exception {
            assertThat(get(server.url() + "/metrics", admin).statusCode()).isEqualTo(200);
            assertThat(get(server.url() + "/metrics", null).statusCode()).isEqualTo(401);
        }

        @Test
        void readiness_reports_a_sandbox_switched_off_without_a_warning() throws Exception {
            HttpResponse<String> ready = get(server.url() + "/health/ready", null);

            assertThat(ready.statusCode()).isEqualTo(200);
            JsonObject body = Json.parseObject(ready.body());
            assertThat(body.optObject("sandbox").orElseThrow().string("status")).isEqualTo("off");
            assertThat(body.members()).doesNotContainKey("warnings");
        }
    }

    @Test
    void readiness_stays_200_and_warns_when_the_sandbox_is_unavailable(@TempDir Path temp) throws Exception {
        HostSandbox missing = HostSandbox.create(new SandboxSettings(true, false, false, List.of(), List.of()),
                new SandboxPaths(List.of(), List.of(), List.of(), List.of()), Optional.empty());
        try (PluginHost host = new PluginHost(HostSettings.defaults(temp.resolve("plugins"), temp.resolve("data"))
                .withWatch(false).withSandbox(missing))) {
            host.start();
            AdminCredentials credentials = AdminCredentials.setUp(Optional.of("a-configured-admin-token"),
                    temp.resolve("data"), AdminCredentials.newToken()).credentials();
            WebServer web = WebServer.builder().port(0).host("127.0.0.1")
                    .routing(r -> new AdminRoutes(host, credentials, () -> true, new MetricRegistry()).register(r))
                    .build().start();
            try {
                HttpResponse<String> ready = get("http://127.0.0.1:" + web.port() + "/health/ready", null);

                assertThat(ready.statusCode()).isEqualTo(200);
                JsonObject body = Json.parseObject(ready.body());
                assertThat(body.optObject("sandbox").orElseThrow().string("status")).isEqualTo("unavailable");
                assertThat(body.optArray("warnings").orElseThrow().toString())
                        .contains("bwrap is not installed").contains("run unconfined");
            } finally {
                web.stop();
            }
        }
    }
}
