package dev.jclaw.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.TestAgents;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.ConversationId;
import dev.jclaw.api.gateway.ConversationInfo;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.testkit.TestPlugins;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over the real agent: H2 sessions, the OpenAI client against the fake model on a socket. */
class LocalGatewayTest {
    static final Principal ALICE = new Principal(new UserId("alice"), false, Tier.YOLO);
    static final Principal BOB = new Principal(new UserId("bob"), false, Tier.YOLO);
    static final Principal ROOT = new Principal(new UserId("root"), true, Tier.YOLO);
    static final ConversationKey WEB = new ConversationKey("web", "chat-1");

    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    LocalGateway gateway;
    JClawConfig config;
    final List<TurnEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString(),
                "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.noteTool(plugins);
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        sessions = TestAgents.sessions(config);
        runtime = TestAgents.runtime(config, host, sessions);
        gateway = new LocalGateway(runtime, new GatewaySettings(home.resolve("workspaces"), 2, 1));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        sessions.close();
        host.close();
        model.close();
    }

    TurnEvent say(GatewayConversation c, String text) throws Exception {
        return c.send(UserMessage.text(text), events::add).end().get(30, TimeUnit.SECONDS);
    }

    @Nested
    class Turns {
        @Test
        void answers_through_the_api_types_with_usage() throws Exception {
            model.enqueue(Reply.text("Hello Alice").chunks(3).usage(50, 3, 40));
            TurnEvent end = say(gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT), "hi");
            assertThat(end).isEqualTo(new TurnEvent.Done("Hello Alice", new TurnEvent.TokenUsage(50, 3, 40)));
            assertThat(events).filteredOn(TurnEvent.TextDelta.class::isInstance).hasSizeGreaterThan(1);
            assertThat(events.getLast()).isEqualTo(end);
        }

        @Test
        void works_in_the_users_own_workspace_or_the_teams() throws Exception {
            model.enqueue(Reply.text("ok"), Reply.text("ok"));
            say(gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT), "hi");
            say(gateway.open(BOB, WEB, new AgentGateway.OpenOptions("", Tier.YOLO, "platform")), "hi");
            assertThat(home.resolve("workspaces/users/alice")).isDirectory();
            assertThat(home.resolve("workspaces/teams/platform")).isDirectory();
            assertThatThrownBy(() -> gateway.open(BOB, WEB, new AgentGateway.OpenOptions("", Tier.YOLO, "../x")))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.INVALID));
        }

        @Test
        void refuses_more_turns_than_a_user_may_have_waiting() throws Exception {
            model.otherwise(body -> Reply.text("slow").delay(Duration.ofSeconds(2)));
            GatewayConversation c = gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            var first = c.send(UserMessage.text("one"), events::add);
            var second = c.send(UserMessage.text("two"), events::add);
            assertThatThrownBy(() -> c.send(UserMessage.text("three"), events::add))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.BUSY));
            assertThat(first.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Done.class);
            assertThat(second.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Done.class);
            model.otherwise(body -> Reply.text("fast"));
            assertThat(say(c, "three")).isInstanceOf(TurnEvent.Done.class);
        }

        @Test
        void a_turns_slot_is_free_when_the_channel_hears_it_ended() throws Exception {
            LocalGateway one = new LocalGateway(runtime, new GatewaySettings(home.resolve("workspaces"), 1, 0));
            GatewayConversation c = one.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            for (int i = 0; i < 5; i++) {
                model.enqueue(Reply.text("answer " + i));
                java.util.concurrent.CompletableFuture<TurnEvent> heard = new java.util.concurrent.CompletableFuture<>();
                c.send(UserMessage.text("question " + i), e -> {
                    if (e instanceof TurnEvent.Done) {
                        heard.complete(e);
                    }
                });
                // the next message goes out the moment the answer is complete, as a streaming client's would
                heard.get(30, TimeUnit.SECONDS);
            }
            model.enqueue(Reply.text("last"));
            assertThat(say(c, "last one")).isInstanceOf(TurnEvent.Done.class);
        }

        @Test
        void stops_a_running_turn() throws Exception {
            model.otherwise(body -> Reply.text("a long answer").chunkDelay(Duration.ofMillis(500)).chunks(20));
            GatewayConversation c = gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            var turn = c.send(UserMessage.text("go"), events::add);
            Thread.sleep(700);
            assertThat(c.stop()).isTrue();
            assertThat(turn.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Aborted.class);
        }
    }

    @Nested
    class Ownership {
        @Test
        void lists_only_the_principals_own_conversations() throws Exception {
            model.enqueue(Reply.text("a"), Reply.text("b"));
            say(gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT), "hi");
            say(gateway.open(BOB, WEB, AgentGateway.OpenOptions.DEFAULT), "hi");
            List<ConversationInfo> mine = gateway.conversations(ALICE, 100);
            assertThat(mine).singleElement().satisfies(info -> {
                assertThat(info.owner()).isEqualTo(ALICE.id());
                assertThat(info.key()).isEqualTo(WEB);
                assertThat(info.current()).isTrue();
            });
        }

        @Test
        void another_user_gets_not_found_and_an_admin_gets_through() throws Exception {
            model.enqueue(Reply.text("secret answer"));
            GatewayConversation alices = gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            say(alices, "my secret");
            ConversationId id = alices.current().id();
            for (var attempt : List.<Runnable>of(() -> gateway.history(BOB, id),
                    () -> gateway.rename(BOB, id, "mine now"), () -> gateway.delete(BOB, id))) {
                assertThatThrownBy(attempt::run).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.NOT_FOUND));
            }
            // bob's own address of the same name is bob's: it does not reach alice's
            assertThat(gateway.open(BOB, WEB, AgentGateway.OpenOptions.DEFAULT).history()).isEmpty();
            assertThat(gateway.history(ROOT, id)).extracting(HistoryItem::text)
                    .containsExactly("my secret", "secret answer");
            assertThat(gateway.rename(ALICE, id, "  Plans  ").title()).contains("Plans");
            gateway.delete(ALICE, id);
            assertThatThrownBy(() -> gateway.history(ALICE, id)).isInstanceOf(GatewayException.class);
        }

        @Test
        void lists_by_channel_and_by_address_and_a_listing_starts_nothing() throws Exception {
            model.enqueue(Reply.text("a"), Reply.text("b"));
            GatewayConversation web = gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            say(web, "hi");
            ConversationId first = web.current().id();
            web.command("/new");
            say(web, "again");
            gateway.open(ALICE, new ConversationKey("openai", "r1"), AgentGateway.OpenOptions.DEFAULT).current();
            assertThat(gateway.conversations(ALICE, ALICE.id(), "web", 10)).hasSize(2)
                    .allSatisfy(info -> assertThat(info.key()).isEqualTo(WEB));
            assertThat(gateway.conversations(ALICE, ALICE.id(), "", 10)).hasSize(3);
            List<ConversationInfo> at = gateway.conversationsAt(ALICE, ALICE.id(), WEB);
            assertThat(at).extracting(ConversationInfo::current).containsExactly(true, false);
            assertThat(at.getLast().id()).isEqualTo(first);
            assertThat(at.getFirst().updated()).isAfter(at.getFirst().created());
            assertThat(gateway.conversationsAt(ALICE, ALICE.id(), new ConversationKey("web", "never"))).isEmpty();
            gateway.delete(ALICE, at.getFirst().id());
            for (int i = 0; i < 2; i++) {
                assertThat(gateway.conversations(ALICE, ALICE.id(), "web", 10)).singleElement().satisfies(info -> {
                    assertThat(info.id()).isEqualTo(first);
                    assertThat(info.current()).as("the current one was deleted").isFalse();
                });
            }
        }

        @Test
        void another_users_conversations_are_listed_to_admins_only() throws Exception {
            model.enqueue(Reply.text("a"));
            say(gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT), "hi");
            for (var attempt : List.<Runnable>of(() -> gateway.conversations(BOB, ALICE.id(), "", 10),
                    () -> gateway.conversationsAt(BOB, ALICE.id(), WEB))) {
                assertThatThrownBy(attempt::run).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.FORBIDDEN));
            }
            assertThat(gateway.conversations(ROOT, ALICE.id(), "", 10)).singleElement()
                    .satisfies(info -> assertThat(info.owner()).isEqualTo(ALICE.id()));
            assertThat(gateway.conversationsAt(ROOT, ALICE.id(), WEB)).hasSize(1);
            assertThat(gateway.conversations(ROOT, ROOT.id(), "", 10)).isEmpty();
            for (var bad : List.<Runnable>of(() -> gateway.conversations(ALICE, ALICE.id(), "Web!", 10),
                    () -> gateway.conversations(ALICE, ALICE.id(), "", 1001))) {
                assertThatThrownBy(bad::run).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.INVALID));
            }
        }

        @Test
        void a_malformed_id_is_just_not_found() {
            assertThatThrownBy(() -> gateway.history(ALICE, new ConversationId("nope")))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> gateway.rename(ALICE, new ConversationId("nope"), "\u0000bad"))
                    .isInstanceOf(GatewayException.class);
            assertThatThrownBy(() -> gateway.conversations(ALICE, 0)).isInstanceOf(GatewayException.class);
        }

        @Test
        void memory_of_a_gateway_conversation_is_its_users() {
            assertThat(AgentMemory.namespace("user:alice/web/chat-1").value()).isEqualTo("user:alice");
            assertThat(AgentMemory.namespace("user:alice/feishu/oc_1").value()).isEqualTo("user:alice");
            assertThat(AgentMemory.namespace("cli:alice").value()).isEqualTo("cli:alice");
        }
    }

    @Nested
    class TiersAndApprovals {
        final Principal carol = new Principal(new UserId("carol"), false, Tier.APPROVAL);

        Path notes() {
            return home.resolve("workspaces/users/carol/notes.txt");
        }

        TurnEvent.ApprovalRequested requested(List<TurnEvent> seen) throws InterruptedException {
            for (int i = 0; i < 300; i++) {
                for (TurnEvent e : seen) {
                    if (e instanceof TurnEvent.ApprovalRequested r) {
                        return r;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no approval was requested: " + seen);
        }

        @Test
        void a_read_only_user_is_refused_without_being_asked() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"), Reply.text("I could not"));
            Principal dave = new Principal(new UserId("dave"), false, Tier.READ_ONLY);
            TurnEvent end = say(gateway.open(dave, WEB, AgentGateway.OpenOptions.DEFAULT), "note it");
            assertThat(end).isInstanceOf(TurnEvent.Done.class);
            assertThat(events).noneMatch(TurnEvent.ApprovalRequested.class::isInstance);
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TurnEvent.ToolFinished.class,
                    f -> assertThat(f.error()).isTrue()));
            assertThat(home.resolve("workspaces/users/dave/notes.txt")).doesNotExist();
        }

        @Test
        void a_channel_may_lower_the_tier_but_never_raise_it() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"), Reply.text("refused"));
            GatewayConversation lowered = gateway.open(ALICE, WEB,
                    new AgentGateway.OpenOptions("", Tier.READ_ONLY, ""));
            assertThat(lowered.principal().tier()).isEqualTo(Tier.READ_ONLY);
            say(lowered, "note it");
            assertThat(home.resolve("workspaces/users/alice/notes.txt")).doesNotExist();
            assertThat(gateway.open(carol, WEB, AgentGateway.OpenOptions.DEFAULT).principal().tier())
                    .isEqualTo(Tier.APPROVAL);
        }

        @Test
        void only_the_originator_or_an_admin_answers_and_the_answer_runs_the_call() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"), Reply.text("noted it"));
            var turn = gateway.open(carol, WEB, AgentGateway.OpenOptions.DEFAULT)
                    .send(UserMessage.text("note it"), events::add);
            TurnEvent.ApprovalRequested asked = requested(events);
            assertThat(gateway.pendingApprovals(carol)).extracting(p -> p.approvalId())
                    .containsExactly(asked.approvalId());
            assertThat(gateway.pendingApprovals(BOB)).isEmpty();
            assertThat(gateway.pendingApprovals(ROOT)).extracting(p -> p.owner()).containsExactly(carol.id());
            assertThat(gateway.answer(BOB, asked.approvalId(), true, "test")).isEqualTo(ApprovalAnswer.FORBIDDEN);
            assertThat(gateway.answer(carol, "not-an-id", true, "test")).isEqualTo(ApprovalAnswer.NOT_FOUND);
            assertThat(gateway.answer(carol, asked.approvalId(), true, "test")).isEqualTo(ApprovalAnswer.ACCEPTED);
            assertThat(turn.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Done.class);
            assertThat(Files.readString(notes())).isEqualTo("noted\n");
            assertThat(gateway.answer(carol, asked.approvalId(), true, "test")).isNotEqualTo(ApprovalAnswer.ACCEPTED);
        }

        @Test
        void a_refusal_or_a_stopped_turn_runs_nothing() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"), Reply.text("not noted"));
            GatewayConversation c = gateway.open(carol, WEB, AgentGateway.OpenOptions.DEFAULT);
            var turn = c.send(UserMessage.text("note it"), events::add);
            assertThat(gateway.answer(ROOT, requested(events).approvalId(), false, "test")).isEqualTo(ApprovalAnswer.ACCEPTED);
            assertThat(turn.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Done.class);
            events.clear();
            model.enqueue(Reply.toolCalls().call("c2", "note", "{}"), Reply.text("never"));
            var second = c.send(UserMessage.text("note it again"), events::add);
            String id = requested(events).approvalId();
            second.stop();
            assertThat(second.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Aborted.class);
            assertThat(gateway.answer(carol, id, true, "test")).isNotEqualTo(ApprovalAnswer.ACCEPTED);
            assertThat(notes()).doesNotExist();
        }
    }

    @Nested
    class CommandsAndHistory {
        @Test
        void runs_slash_commands_and_leaves_other_lines_to_the_model() {
            GatewayConversation c = gateway.open(ALICE, WEB, AgentGateway.OpenOptions.DEFAULT);
            assertThat(c.command("/help")).hasValueSatisfying(reply ->
                    assertThat(reply.result()).isInstanceOf(CommandResult.Reply.class));
            assertThat(c.command("hello there")).isEmpty();
        }

        @Test
        void seeds_a_new_conversation_once() throws Exception {
            GatewayConversation c = gateway.open(ALICE, new ConversationKey("openai", "r1"),
                    AgentGateway.OpenOptions.DEFAULT);
            Instant now = Instant.now();
            c.seed(List.of(new HistoryItem(HistoryItem.Role.USER, "my name is Alice", "", 0, now),
                    new HistoryItem(HistoryItem.Role.ASSISTANT, "Hello Alice", "", 0, now)));
            model.enqueue(Reply.text("You are Alice"));
            say(c, "who am I?");
            assertThat(model.requests().getFirst().messages()).extracting(m -> m.string("role"))
                    .startsWith("system", "user", "assistant", "user");
            assertThatThrownBy(() -> c.seed(List.of())).isInstanceOfSatisfying(GatewayException.class,
                    e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.INVALID));
        }
    }
}
