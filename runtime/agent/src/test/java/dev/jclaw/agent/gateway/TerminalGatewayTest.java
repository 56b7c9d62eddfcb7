package dev.jclaw.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.TestAgents;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.testkit.TestPlugins;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as the host's own terminal channel uses it ({@link LocalGateway#openTerminal}): a workspace the
 * terminal names, the core's events, one conversation across views, and the adoption of the terminal's keys of
 * earlier versions.
 */
class TerminalGatewayTest {
    static final Principal CAROL = new Principal(new UserId("carol"), false, Tier.YOLO);
    static final ConversationKey ADA = new ConversationKey("cli", "ada");

    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    LocalGateway gateway;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                home.toString(), "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.noteTool(plugins);
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        sessions = TestAgents.sessions(config);
        runtime = TestAgents.runtime(config, host, sessions);
        gateway = new LocalGateway(runtime, GatewaySettings.defaults(home.resolve("workspaces")));
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        sessions.close();
        host.close();
        model.close();
    }

    TerminalConversation open(Principal who, Optional<Path> workspace) {
        return gateway.openTerminal(who, ADA, AgentGateway.OpenOptions.DEFAULT, workspace);
    }

    /** Sends, answering every approval with {@code approve} as the terminal does. */
    AgentEvent say(TerminalConversation c, String text, boolean approve) throws Exception {
        c.sendFollowed(UserMessage.text(text), e -> {
            events.add(e);
            if (e instanceof AgentEvent.ApprovalRequested a) {
                assertThat(gateway.answer(Approvals.TERMINAL, a.approvalId(), approve, "cli"))
                        .isEqualTo(ApprovalAnswer.ACCEPTED);
            }
        }).end().get(30, TimeUnit.SECONDS);
        return events.getLast();
    }

    @Test
    void works_in_the_workspace_the_terminal_names_and_says_so() throws Exception {
        Path mine = Files.createDirectories(home.resolve("project"));
        TerminalConversation c = open(Approvals.TERMINAL, Optional.of(mine));
        Path real = mine.toRealPath();
        assertThat(c.command("/status")).hasValueSatisfying(r -> assertThat(((CommandResult.Reply) r.result())
                .text()).contains("session key:  user:admin/cli/ada", "workspace:    " + real));
        model.enqueue(Reply.toolCalls().call("n1", "note", "{}"), Reply.text("Noted."));
        assertThat(say(c, "note it", true)).isInstanceOf(AgentEvent.Done.class);
        assertThat(mine.resolve("notes.txt")).hasContent("noted");
        assertThat(home.resolve("workspaces/users/admin/notes.txt")).doesNotExist();
    }

    @Test
    void a_named_workspace_that_cannot_be_a_directory_is_the_callers_mistake() throws Exception {
        Path file = Files.writeString(home.resolve("a-file"), "x");
        assertThatThrownBy(() -> open(Approvals.TERMINAL, Optional.of(file.resolve("sub"))))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayException.Kind.INVALID));
    }

    @Test
    void tells_the_core_events_denials_and_retries_included() throws Exception {
        TerminalConversation c = open(Approvals.TERMINAL, Optional.empty());
        model.enqueue(Reply.error(500, "{\"error\": {\"message\": \"busy\"}}"),
                Reply.toolCalls().call("n1", "note", "{}"), Reply.text("Left it."));
        AgentEvent end = say(c, "note it", false);
        assertThat(end).isInstanceOfSatisfying(AgentEvent.Done.class, d -> assertThat(d.steps()).isEqualTo(2));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AgentEvent.Retrying.class));
        assertThat(events).filteredOn(AgentEvent.ToolFinished.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((AgentEvent.ToolFinished) e).result())
                        .isInstanceOf(ToolResult.Denied.class));
    }

    @Test
    void views_from_two_workspaces_are_one_conversation_and_a_stop_from_either_reaches_its_turn() throws Exception {
        TerminalConversation here = open(Approvals.TERMINAL, Optional.of(home.resolve("a")));
        TerminalConversation there = open(Approvals.TERMINAL, Optional.of(home.resolve("b")));
        model.enqueue(Reply.text("Hello Ada."));
        say(here, "my name is Ada", true);
        model.enqueue(Reply.toolCalls().call("n1", "note", "{}"));
        TurnHandle turn = there.sendFollowed(UserMessage.text("note it"), events::add);
        while (runtime.approvals().pending().isEmpty()) {
            Thread.sleep(10);
        }
        assertThat(here.command("/stop")).hasValueSatisfying(r -> assertThat(r.result())
                .isInstanceOf(CommandResult.Reply.class));
        assertThat(turn.end().get(30, TimeUnit.SECONDS)).isInstanceOf(TurnEvent.Aborted.class);
        assertThat(model.requests().getLast().messages()).extracting(m -> m.optString("content").orElse(""))
                .contains("my name is Ada", "note it");
    }

    @Test
    void adopts_the_admins_terminal_conversations_of_earlier_versions_once() throws Exception {
        SessionId older = sessions.current(new SessionKey("cli:ada")).id();
        sessions.append(older, new Entry.User("my name is Ada"));
        open(Approvals.TERMINAL, Optional.empty());
        assertThat(sessions.list(new SessionKey("cli:ada"))).isEmpty();
        assertThat(sessions.current(new SessionKey("user:admin/cli/ada")).id()).isEqualTo(older);
        // once per gateway: a conversation at the old key afterwards (an older jclaw) stays where it is
        sessions.current(new SessionKey("cli:ada"));
        open(Approvals.TERMINAL, Optional.empty());
        assertThat(sessions.list(new SessionKey("cli:ada"))).hasSize(1);
    }

    @Test
    void adopts_nothing_for_another_user_or_another_channel() throws Exception {
        sessions.append(sessions.current(new SessionKey("cli:ada")).id(), new Entry.User("the admin's"));
        sessions.append(sessions.current(new SessionKey("web:ada")).id(), new Entry.User("a web one"));
        open(CAROL, Optional.empty());
        gateway.openTerminal(Approvals.TERMINAL, new ConversationKey("web", "ada"), AgentGateway.OpenOptions.DEFAULT,
                Optional.empty());
        assertThat(sessions.list(new SessionKey("cli:ada"))).hasSize(1);
        assertThat(sessions.list(new SessionKey("web:ada"))).hasSize(1);
        assertThat(sessions.listByKeyPrefix("user:", 10))
                .allSatisfy(h -> assertThat(sessions.path(h.id())).isEmpty());
    }
}
