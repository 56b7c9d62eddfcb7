package dev.jclaw.agent;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frozen prefix, the per-turn context and compaction, through the fake model server. */
class PromptZonesTest {
    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    /** Starts a runtime whose model {@code fake-1} has the given context window. */
    void start(int contextWindow) throws Exception {
        model = FakeModelServer.start();
        Files.writeString(home.resolve("jclaw.json"), """
                {"models": {"default": "fake-1", "providers": {"fake": {"base-url": "%s",
                  "models": {"fake-1": {"context-window": %d}}}}}}""".formatted(model.baseUrl(), contextWindow));
        JClawConfig config = ConfigLoader.builder().workingDir(home)
                .environment(Map.of("JCLAW_HOME", home.toString())).build().load();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        sessions = JdbcSessionStore.h2(config.dataDir());
        runtime = TestAgents.runtime(config, host, sessions);
    }

    @AfterEach
    void tearDown() {
        if (sessions != null) {
            sessions.close();
            host.close();
            model.close();
        }
    }

    Conversation conversation() throws Exception {
        return runtime.conversation("test:zones", new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
    }

    AgentEvent send(Conversation c, String text) throws Exception {
        return c.send(text, events::add, Approver.DENY_ALL).end().get(60, TimeUnit.SECONDS);
    }

    static String system(FakeModelServer.Recorded request) {
        return request.messages().getFirst().string("content");
    }

    @Nested
    class FrozenPrefixStability {
        @Test
        void the_system_prompt_of_turns_two_to_ten_is_byte_identical_to_the_first() throws Exception {
            start(128_000);
            Conversation c = conversation();
            for (int i = 1; i <= 10; i++) {
                model.enqueue(Reply.text("answer " + i));
                assertThat(send(c, "question " + i)).isInstanceOf(AgentEvent.Done.class);
            }
            List<String> prompts = model.requests().stream().map(PromptZonesTest::system).toList();
            assertThat(prompts).hasSize(10).containsOnly(prompts.getFirst());
            assertThat(prompts.getFirst()).contains("You are JClaw").contains(c.workspace().toString())
                    .doesNotContain("question");
        }

        @Test
        void agents_md_is_part_of_the_prefix_and_a_change_on_disk_shows_in_the_next_turn() throws Exception {
            start(128_000);
            Conversation c = conversation();
            Path agents = c.workspace().resolve("AGENTS.md");
            Files.writeString(agents, "Always answer in French.");
            model.enqueue(Reply.text("oui"));
            send(c, "hello");
            model.enqueue(Reply.text("oui encore"));
            send(c, "hello again");
            Files.writeString(agents, "Always answer in German.");
            Files.setLastModifiedTime(agents, FileTime.from(Instant.now().plusSeconds(5)));
            model.enqueue(Reply.text("ja"));
            send(c, "and now?");

            List<String> prompts = model.requests().stream().map(PromptZonesTest::system).toList();
            assertThat(prompts.get(0)).contains("Always answer in French.").isEqualTo(prompts.get(1));
            assertThat(prompts.get(2)).contains("Always answer in German.").doesNotContain("French");
        }

        @Test
        void a_bootstrap_link_that_leaves_the_workspace_is_not_read() throws Exception {
            start(128_000);
            Conversation c = conversation();
            Path secret = Files.writeString(home.resolve("secret.txt"), "TOP-SECRET-VALUE");
            Files.createSymbolicLink(c.workspace().resolve("AGENTS.md"), secret);
            model.enqueue(Reply.text("ok"));
            send(c, "hi");
            assertThat(system(model.requests().getFirst())).doesNotContain("TOP-SECRET-VALUE");
        }

        @Test
        void a_huge_or_binary_agents_md_is_cut_with_a_marker_and_never_breaks_the_turn() throws Exception {
            start(128_000);
            Conversation c = conversation();
            byte[] junk = new byte[300_000];
            new java.util.Random(7).nextBytes(junk);
            Files.write(c.workspace().resolve("AGENTS.md"), junk);
            model.enqueue(Reply.text("ok"));
            assertThat(send(c, "hi")).isInstanceOf(AgentEvent.Done.class);
            String prompt = system(model.requests().getFirst());
            assertThat(prompt).doesNotContain("\u0000");
            assertThat(prompt.length()).isLessThan(200_000);
            assertThat(prompt).contains("cut");
        }
    }

    @Nested
    class TurnContext {
        @Test
        void the_runtime_line_goes_last_after_the_new_message_and_is_not_kept() throws Exception {
            start(128_000);
            Conversation c = conversation();
            model.enqueue(Reply.text("one"));
            send(c, "first");
            model.enqueue(Reply.text("two"));
            send(c, "second");
            List<JsonObject> second = model.requests().get(1).messages();
            assertThat(second).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "user", "system");
            assertThat(second.get(4).string("content")).contains("turn_context").contains("fake-1");
            assertThat(second.get(3).string("content")).isEqualTo("second");
            assertThat(second.get(1).string("content")).isEqualTo("first");
        }
    }

    @Nested
    class Compaction {
        @Test
        void a_long_conversation_stays_within_a_small_window_and_keeps_early_identifiers() throws Exception {
            start(6_000);
            Conversation c = conversation();
            String filler = " and some more words to fill the context".repeat(40);
            // answers and summaries alike: a forgetful summariser, so the identifiers rely on the safety net
            model.otherwise(body -> Reply.text("noted" + filler));
            for (int i = 1; i <= 40; i++) {
                String text = i == 1 ? "remember ticket JCLAW-4711 and the path /srv/data/alpha.csv" + filler
                        : "message " + i + filler;
                AgentEvent end = send(c, text);
                assertThat(end).as("turn %d", i).isInstanceOf(AgentEvent.Done.class);
            }
            List<FakeModelServer.Recorded> requests = model.requests();
            assertThat(events).filteredOn(AgentEvent.Compaction.class::isInstance)
                    .extracting(e -> ((AgentEvent.Compaction) e).outcome()).contains("compacted");
            FakeModelServer.Recorded last = requests.getLast();
            String all = last.messages().stream().map(m -> m.optString("content").orElse(""))
                    .reduce("", String::concat);
            assertThat(all).contains("JCLAW-4711").contains("/srv/data/alpha.csv");
            assertThat(last.body().toString().length() / 4).isLessThan(6_000);
            assertThat(c.usage().turns()).as("compaction deletes no usage entry").isEqualTo(40);
            assertThat(runtime.metrics().render()).doesNotContain(
                    "jclaw_compactions_total{trigger=\"budget\",outcome=\"compacted\"} 0\n");
        }
    
        @Test
        void a_context_overflow_compacts_and_runs_the_turn_again_once() throws Exception {
            start(128_000);
            Conversation c = conversation();
            String filler = " words".repeat(30);
            for (int i = 1; i <= 6; i++) {
                model.enqueue(Reply.text("answer " + i + filler));
                send(c, "message " + i + " about build 7f3c2a91" + filler);
            }
            model.enqueue(Reply.contextOverflow(), Reply.text("summary of the talk"), Reply.text("the answer"));
            AgentEvent end = send(c, "the question that overflows");

            assertThat(end).isInstanceOfSatisfying(AgentEvent.Done.class,
                    done -> assertThat(done.answer()).isEqualTo("the answer"));
            assertThat(events).filteredOn(AgentEvent.Compaction.class::isInstance)
                    .extracting(e -> ((AgentEvent.Compaction) e).trigger()).containsExactly("overflow");
            List<JsonObject> retried = model.requests().getLast().messages();
            assertThat(retried).extracting(m -> m.optString("content").orElse(""))
                    .filteredOn(t -> t.equals("the question that overflows")).hasSize(1);
            assertThat(retried.get(1).string("content")).contains("summary of the talk");
            assertThat(runtime.metrics().render()).as("the refused attempt is not a turn of its own").contains(
                    "jclaw_compactions_total{trigger=\"overflow\",outcome=\"compacted\"} 1\n",
                    "jclaw_turns_total{outcome=\"done\"} 7\n", "jclaw_turns_total{outcome=\"failed\"} 0\n");
            assertThat(c.usage().turns()).isEqualTo(7);
        }

        @Test
        void an_overflow_that_compaction_cannot_fix_fails_with_one_sentence_and_keeps_the_message() throws Exception {
            start(128_000);
            Conversation c = conversation();
            model.enqueue(Reply.contextOverflow());
            AgentEvent end = send(c, "a first message that is already too long");
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    failed -> assertThat(failed.reason()).isEqualTo(TurnFailure.CONTEXT_OVERFLOW));
            model.enqueue(Reply.text("fine now"));
            send(c, "shorter");
            assertThat(model.requests().getLast().messages()).extracting(m -> m.optString("content").orElse(""))
                    .contains("a first message that is already too long");
        }
    }
}
