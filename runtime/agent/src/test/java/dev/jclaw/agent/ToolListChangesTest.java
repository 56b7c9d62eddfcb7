package dev.jclaw.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostServiceRegistry;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.ToolSpec;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.PluginJarBuilder;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin announces a new tool list while conversations are open (as an MCP bridge does when its server adds a
 * tool): the next model request of every conversation offers the new list, and the frozen prefix changes with it
 * and only with it.
 */
class ToolListChangesTest {
    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                home.toString(), "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        bridge(plugins);
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false)
                .withServices(new HostServiceRegistry()));
        host.start();
        sessions = JdbcSessionStore.h2(config.dataDir());
        runtime = TestAgents.runtime(config, host, sessions);
    }

    @AfterEach
    void tearDown() {
        sessions.close();
        host.close();
        model.close();
    }

    /**
     * A plugin like an MCP bridge: it offers {@code connect}, and once connect has run, {@code weather} too; connect
     * announces the change through the plugin's own ToolsChanged.
     */
    static void bridge(Path plugins) {
        PluginJarBuilder.plugin("bridge", "1.0", "1.3")
                .source("module-info.java", "module bridge { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with bridge.Tools; }")
                .source("bridge/Tools.java", """
                        package bridge;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.ArrayList;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            static volatile boolean connected;
                            record T(String name, String description, Body body) implements Tool {
                                public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                public ToolClass toolClass() { return ToolClass.READ; }
                                public ToolResult execute(ToolContext ctx) throws Exception { return body.run(); }
                            }
                            interface Body { ToolResult run() throws Exception; }
                            public List<Tool> tools(PluginContext context) {
                                ToolsChanged changed = context.services().find(ToolsChanged.class).orElseThrow();
                                List<Tool> out = new ArrayList<>();
                                out.add(new T("connect", "Connects the weather server.", () -> {
                                    connected = true;
                                    changed.announce();
                                    return ToolResult.ok("connected");
                                }));
                                if (connected) {
                                    out.add(new T("weather", "Tells the weather.", () -> ToolResult.ok("sunny")));
                                }
                                return out;
                            }
                        }
                        """)
                .build(plugins.resolve("bridge.jar"));
    }

    private AgentEvent send(Conversation c, String text) throws Exception {
        return c.send(text, e -> { }, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
    }

    private Conversation conversation(String key) throws Exception {
        return runtime.conversation(key, new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
    }

    private static String systemPrompt(FakeModelServer.Recorded request) {
        return request.messages().getFirst().string("content");
    }

    private void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void the_next_request_of_every_conversation_offers_the_new_tools() throws Exception {
        Conversation alice = conversation("test:alice");
        Conversation bob = conversation("test:bob");
        model.enqueue(Reply.text("hello alice"), Reply.text("hello bob"));
        send(alice, "hi");
        send(bob, "hi");
        assertThat(model.requests()).allSatisfy(r -> assertThat(r.toolNames()).containsExactly("connect"));
        String before = systemPrompt(model.requests().get(1));

        // alice's model connects the server: the plugin announces from inside the tool call
        model.enqueue(Reply.toolCalls().call("c1", "connect", "{}"), Reply.text("connected"));
        send(alice, "connect the weather server");
        await(() -> host.tools().contains("weather"));

        model.enqueue(Reply.text("it is sunny"), Reply.text("sunny for you too"), Reply.text("still sunny"));
        send(alice, "weather?");
        send(bob, "weather?");
        List<FakeModelServer.Recorded> requests = model.requests();
        FakeModelServer.Recorded aliceNext = requests.get(4);
        FakeModelServer.Recorded bobNext = requests.get(5);
        assertThat(aliceNext.toolNames()).containsExactly("connect", "weather");
        assertThat(bobNext.toolNames()).containsExactly("connect", "weather");
        assertThat(bobNext.tools().get(1).optObject("function").orElseThrow().string("description"))
                .isEqualTo("Tells the weather.");
        assertThat(systemPrompt(bobNext)).isNotEqualTo(before).contains("- weather: Tells the weather.");
        assertThat(alice.tools()).extracting(ToolSpec::name).containsExactly("connect", "weather");

        // nothing changed since: the prefix is byte-identical, so a provider's prefix cache still serves it
        send(bob, "and tomorrow?");
        FakeModelServer.Recorded bobLater = model.requests().get(6);
        assertThat(systemPrompt(bobLater)).isEqualTo(systemPrompt(bobNext));
        assertThat(bobLater.tools()).isEqualTo(bobNext.tools());
        assertThat(model.problems()).isEmpty();
    }
}
