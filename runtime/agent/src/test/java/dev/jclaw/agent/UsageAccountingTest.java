package dev.jclaw.agent;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.Usage;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionUsage;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage accounting and metrics through real turns: the fake model server reports usage, the H2 store keeps it. */
class UsageAccountingTest {
    @TempDir
    Path home;
    FakeModelServer model;
    JClawConfig config;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        AgentTurnsTest.testTools(plugins);
        config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString(),
                "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        open();
    }

    void open() throws Exception {
        sessions = TestAgents.sessions(config);
        runtime = TestAgents.runtime(config, host, sessions);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        sessions.close();
        host.close();
        model.close();
    }

    Conversation conversation() throws Exception {
        return runtime.conversation("test:alice", new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
    }

    AgentEvent send(Conversation c, String text) throws Exception {
        return c.send(text, events::add, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
    }

    /** Three turns, one of them with a tool call: 5,000 prompt tokens of which 3,500 cached. */
    Conversation threeTurns() throws Exception {
        model.enqueue(Reply.text("one").usage(1000, 10, 0).reasoningTokens(3),
                Reply.toolCalls().call("c1", "echo", "{}").usage(1200, 20, 1000), Reply.text("two").usage(1300, 5, 1200),
                Reply.text("three").usage(1500, 7, 1300));
        Conversation c = conversation();
        for (String text : List.of("first", "second", "third")) {
            assertThat(send(c, text)).isInstanceOf(AgentEvent.Done.class);
        }
        return c;
    }

    String metrics() {
        return runtime.metrics().render();
    }

    @Nested
    class Sessions {
        @Test
        void sum_what_the_provider_reported_over_several_turns() throws Exception {
            Conversation c = threeTurns();
            SessionUsage usage = c.usage();
            assertThat(usage).isEqualTo(new SessionUsage(3, 5000, 42, 3500, 3));
            assertThat(usage.cacheHitShare()).isEqualTo(0.7);
            assertThat(c.lastTurnUsage()).contains(new Entry.TurnUsage(new Usage(1500, 7, 1300, 0), 1, "fake-1"));
            assertThat(sessions.path(new SessionId(c.sessionId()))).extracting(Entry::body)
                    .filteredOn(Entry.TurnUsage.class::isInstance).extracting(b -> ((Entry.TurnUsage) b).steps())
                    .containsExactly(1, 2, 1);
        }

        @Test
        void never_show_the_model_a_usage_entry() throws Exception {
            threeTurns();
            assertThat(model.requests().getLast().messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "user", "assistant", "tool", "assistant", "user",
                            "system");
            model.assertNoProblems();
        }

        @Test
        void survive_reopening_the_store() throws Exception {
            SessionUsage before = threeTurns().usage();
            runtime.close();
            sessions.close();
            open();
            Conversation reopened = conversation();
            assertThat(reopened.usage()).isEqualTo(before);
            assertThat(reopened.lastTurnUsage()).map(Entry.TurnUsage::usage).contains(new Usage(1500, 7, 1300, 0));
        }

        @Test
        void follow_the_current_conversation_across_new_and_resume() throws Exception {
            Conversation c = threeTurns();
            SessionId old = new SessionId(c.sessionId());
            c.rotate();
            assertThat(c.usage()).isEqualTo(SessionUsage.NONE);
            assertThat(c.lastTurnUsage()).isEmpty();
            model.enqueue(Reply.text("fresh").usage(40, 2, 0));
            send(c, "new topic");
            assertThat(c.usage()).isEqualTo(new SessionUsage(1, 40, 2, 0, 0));
            c.resume(old);
            assertThat(c.usage().turns()).isEqualTo(3);
        }
    }

    @Nested
    class FailedTurns {
        @Test
        void are_accounted_with_what_they_used_before_failing() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "echo", "{}").usage(800, 12, 0),
                    Reply.error(401, "{\"error\":{\"message\":\"bad key\"}}"));
            Conversation c = conversation();
            assertThat(send(c, "go")).isInstanceOf(AgentEvent.Failed.class);
            assertThat(c.usage()).isEqualTo(new SessionUsage(1, 800, 12, 0, 0));
            assertThat(c.lastTurnUsage()).map(Entry.TurnUsage::steps).contains(1);
            assertThat(metrics()).contains("jclaw_turns_total{outcome=\"failed\"} 1\n",
                    "jclaw_turns_total{outcome=\"done\"} 0\n", "jclaw_tokens_total{kind=\"input\"} 800\n");
        }

        @Test
        void are_accounted_when_aborted() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "slow", "{}").usage(600, 9, 500));
            Conversation c = conversation();
            Conversation.Pending turn = c.send("go", events::add, Approver.DENY_ALL);
            while (events.stream().noneMatch(AgentEvent.ToolStarted.class::isInstance)) {
                Thread.sleep(10);
            }
            turn.abort();
            assertThat(turn.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Failed.class);
            assertThat(c.usage()).isEqualTo(new SessionUsage(1, 600, 9, 500, 0));
            assertThat(metrics()).contains("jclaw_turns_total{outcome=\"aborted\"} 1\n");
        }
    }

    @Nested
    class Metrics {
        @Test
        void count_turns_tokens_and_tool_calls() throws Exception {
            threeTurns();
            assertThat(metrics()).contains("jclaw_turns_total{outcome=\"done\"} 3\n",
                    "jclaw_turns_total{outcome=\"timeout\"} 0\n",
                    "jclaw_tokens_total{kind=\"input\"} 5000\n", "jclaw_tokens_total{kind=\"output\"} 42\n",
                    "jclaw_tokens_total{kind=\"cached\"} 3500\n", "jclaw_tokens_total{kind=\"reasoning\"} 3\n",
                    "jclaw_tool_calls_total{outcome=\"ok\"} 1\n", "jclaw_tool_calls_total{outcome=\"denied\"} 0\n",
                    "jclaw_compactions_total{trigger=\"budget\",outcome=\"compacted\"} 0\n");
        }
    }
}
