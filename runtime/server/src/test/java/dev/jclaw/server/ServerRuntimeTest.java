package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static dev.jclaw.server.JClawServerTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.session.SessionUsage;
import dev.jclaw.core.task.TaskCategory;
import dev.jclaw.core.task.TaskHandle;
import dev.jclaw.core.task.TaskOwner;
import dev.jclaw.core.task.TaskSpec;
import dev.jclaw.core.task.TaskState;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent runtime inside {@code jclaw serve}: metrics over a real socket, turns, background tasks at shutdown. */
class ServerRuntimeTest {
    @TempDir
    Path home;
    FakeModelServer model;
    JClawServer server;
    String token;

    void start(Map<String, String> env) throws Exception {
        TestServers.Started started = TestServers.start(TestServers.config(home, home.resolve("plugins"), env));
        server = started.server();
        token = tokenIn(started.output());
    }

    void startWithModel() throws Exception {
        model = FakeModelServer.start();
        start(Map.of("OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
    }

    AgentEvent send(String text) throws Exception {
        Conversation c = server.runtime().conversation("test:alice", new AgentRuntime.Options("", null, null));
        return c.send(text, e -> { }, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
    }

    @Nested
    class Metrics {
        @Test
        void refuses_a_scrape_without_the_admin_token() throws Exception {
            start(Map.of());
            for (String wrong : new String[] {null, "", "0".repeat(64)}) {
                HttpResponse<String> response = get(server.url() + "/metrics", wrong);
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"jclaw-admin\"");
                assertThat(response.body()).doesNotContain("jclaw_");
            }
        }

        @Test
        void serves_the_counters_in_the_text_format_to_an_administrator() throws Exception {
            startWithModel();
            model.enqueue(Reply.text("hello").usage(120, 4, 100));
            assertThat(send("hi")).isInstanceOf(AgentEvent.Done.class);
            HttpResponse<String> response = get(server.url() + "/metrics", token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body()).startsWith("# HELP jclaw_turns_total ")
                    .contains("# TYPE jclaw_turns_total counter\n", "jclaw_turns_total{outcome=\"done\"} 1\n",
                            "jclaw_tokens_total{kind=\"input\"} 120\n", "jclaw_tokens_total{kind=\"cached\"} 100\n",
                            "# TYPE jclaw_tool_calls_total counter\n", "# TYPE jclaw_compactions_total counter\n");
        }
    }

    @Nested
    class WithoutAModel {
        @Test
        void starts_and_a_turn_says_how_to_configure_one() throws Exception {
            start(Map.of());
            assertThat(get(server.url() + "/health/ready", null).statusCode()).isEqualTo(200);
            assertThat(send("hello")).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    f -> assertThat(f.message()).contains("no model is configured", "OPENAI_API_KEY"));
            Conversation c = server.runtime().conversation("test:alice", new AgentRuntime.Options("", null, null));
            assertThat(c.usage()).as("a turn that never reached a model costs nothing").isEqualTo(SessionUsage.NONE);
            assertThat(get(server.url() + "/metrics", token).body()).contains("jclaw_turns_total{outcome=\"failed\"} 1\n");
        }
    }

    @Nested
    class SessionDatabase {
        @Test
        void stays_closed_until_a_turn_needs_it_so_that_jclaw_run_can_use_it_meanwhile() throws Exception {
            startWithModel();
            Path file = server.config().dataDir().resolve("jclaw.mv.db");
            assertThat(file).doesNotExist();
            model.enqueue(Reply.text("hello"));
            send("hi");
            assertThat(file).exists();
        }
    }

    @Nested
    class Shutdown {
        @Test
        void drains_background_tasks_within_the_grace_period_and_logs_what_it_cut() throws Exception {
            start(Map.of("JCLAW_SERVER_SHUTDOWN_GRACE_SECONDS", "1"));
            List<LogRecord> logged = new CopyOnWriteArrayList<>();
            Logger log = Logger.getLogger(JClawServer.class.getName());
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            log.addHandler(handler);
            try {
                TaskHandle quick = server.runtime().tasks().submit(new TaskSpec("quick", TaskCategory.MAINTENANCE,
                        TaskOwner.SYSTEM), ctx -> Thread.sleep(200));
                TaskHandle stuck = server.runtime().tasks().submit(new TaskSpec("stuck", TaskCategory.MAINTENANCE,
                        TaskOwner.SYSTEM), ctx -> Thread.sleep(60_000));
                server.close();
                assertThat(server.runtime().tasks().isShuttingDown()).isTrue();
                assertThat(quick.info().state()).isEqualTo(TaskState.SUCCEEDED);
                assertThat(stuck.info().state()).isEqualTo(TaskState.CANCELLED);
                assertThat(logged).filteredOn(r -> r.getLevel().equals(Level.INFO))
                        .extracting(LogRecord::getMessage)
                        .anySatisfy(m -> assertThat(m).contains("1 task drained, 1 cut: stuck (system)"));
            } finally {
                log.removeHandler(handler);
            }
        }
    }
}
