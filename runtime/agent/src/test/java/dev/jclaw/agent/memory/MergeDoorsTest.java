package dev.jclaw.agent.memory;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code memorize} tool and {@code /memory} say about merges, over the real memory database, index and the
 * shipped embedding model: every merge names both entries and both texts, and {@code /memory split} undoes it.
 */
class MergeDoorsTest {
    static final Namespace ALICE = new Namespace("test:alice");
    static final Pattern KEPT_AS = Pattern.compile("is kept as \\[L2 ([0-9a-f]{8})]");

    @TempDir
    Path home;
    AgentMemory memory;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    Conversation c;
    Tool memorize;

    @BeforeEach
    void setUp() throws Exception {
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                home.toString(), "OPENAI_BASE_URL", "http://127.0.0.1:9/v1", "JCLAW_MODEL", "fake-1")).build().load();
        memory = TestAgents.memory(config);
        host = new PluginHost(HostSettings.defaults(Files.createDirectories(home.resolve("plugins")),
                config.dataDir()).withWatch(false));
        host.start();
        sessions = JdbcSessionStore.h2(config.dataDir());
        runtime = TestAgents.runtime(config, host, sessions, memory);
        c = runtime.conversation("test:alice", new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
        memorize = MemoryTools.of(memory, new MemoryTools.Conversations() {
            @Override
            public String currentSession(String sessionKey) {
                return "s1";
            }

            @Override
            public boolean executedSomething(String sessionKey) {
                return true;
            }
        }).getFirst();
    }

    @AfterEach
    void tearDown() {
        runtime.tasks().close();
        sessions.close();
        host.close();
        memory.close();
    }

    ToolResult memorize(String content) throws Exception {
        return memorize.execute(new ToolContext("call-1", Json.parseObject("{\"layer\": \"L2\", \"content\": "
                + Json.write(new dev.jclaw.api.json.JsonString(content)) + "}"), home, "test:alice",
                Instant.now().plusSeconds(60)));
    }

    static String text(ToolResult r) {
        assertThat(r).isInstanceOf(ToolResult.Ok.class);
        return ((ToolResult.Ok) r).content();
    }

    CommandResult slash(String line) {
        return ((dev.jclaw.agent.command.SlashCommands.Outcome.Handled) runtime.commands().handle(c, line)).result();
    }

    @Nested
    class TheMemorizeTool {
        @Test
        void stores_the_three_contracts_of_the_report_as_three_memories() throws Exception {
            for (String contract : List.of(
                    "The PagerDuty contract renews every August; Daniel is the account owner.",
                    "The Figma contract renews every March; Sofia is the account owner.",
                    "The Sentry contract renews every March; Daniel is the account owner.")) {
                assertThat(text(memorize(contract))).as(contract).startsWith("memorized [L2 ");
            }
            assertThat(memory.service().store().stats(ALICE)).isEqualTo(new MemoryStats(3, 0, 0, 0, 0));
        }

        @Test
        void says_what_was_merged_into_what_with_both_texts_and_how_to_split_it() throws Exception {
            String first = text(memorize("Daniel is the account owner for PagerDuty"));
            String merged = text(memorize("The account owner for PagerDuty is Daniel"));
            assertThat(merged).startsWith("merged into " + first.substring("memorized ".length()))
                    .contains("similarity 0.9").contains("which reads \"Daniel is the account owner for PagerDuty\"")
                    .contains("the other text, \"The account owner for PagerDuty is Daniel\", is kept as [L2 ")
                    .containsPattern("/memory split [0-9a-f]{8} makes it a memory of its own again");
            assertThat(text(memorize("daniel is the account owner  for pagerduty")))
                    .isEqualTo("already known word for word as " + first.substring("memorized ".length())
                            + "; nothing stored");
            assertThat(text(memorize("the account owner for pagerduty is  daniel")))
                    .startsWith("already known word for word as [L2 ")
                    .endsWith(" (merged into " + first.substring("memorized ".length()) + "); nothing stored");
        }
    }

    @Nested
    class TheMemoryCommand {
        @Test
        void lists_merges_and_splits_one_back_out() throws Exception {
            memorize("Daniel is the account owner for PagerDuty");
            Matcher kept = KEPT_AS.matcher(text(memorize("The account owner for PagerDuty is Daniel")));
            assertThat(kept.find()).isTrue();
            String id = kept.group(1);
            assertThat(((CommandResult.Reply) slash("/memory merged")).text()).contains("[L2 " + id + "] merged into")
                    .contains("The account owner for PagerDuty is Daniel")
                    .endsWith("/memory split ID makes one a memory of its own again");
            assertThat(((CommandResult.Reply) slash("/memory stats")).text()).contains("facts (L2): 1")
                    .contains("merged: 1");
            assertThat(((CommandResult.Reply) slash("/memory split " + id)).text()).startsWith("split [L2 " + id
                    + "] out of [L2 ").endsWith("it is a memory of its own again: \"The account owner for PagerDuty is"
                    + " Daniel\"");
            assertThat(((CommandResult.Reply) slash("/memory list")).text()).contains("[L2 " + id + "]");
            assertThat(((CommandResult.Reply) slash("/memory merged")).text()).isEqualTo("nothing merged here");
            assertThat(memory.service().search(ALICE, "who owns pagerduty", java.util.Set.of(), 5))
                    .extracting(r -> r.entry().id().shortForm()).contains(id);
        }

        @Test
        void refuses_a_hostile_split_in_one_sentence_and_changes_nothing() throws Exception {
            memorize("Daniel is the account owner for PagerDuty");
            memorize("The account owner for PagerDuty is Daniel");
            MemoryEntry bobs = memory.service().memorize(new Namespace("test:bob"), MemoryLayer.FACT, "fact",
                    "bob's own fact", "").entry();
            MemoryStats before = memory.service().store().stats(ALICE);
            for (String line : List.of("/memory split", "/memory split deadbeef", "/memory split ' OR 1=1 --",
                    "/memory split " + bobs.id().shortForm(), "/memory split ../../etc/passwd",
                    "/memory split " + "f".repeat(300))) {
                assertThat(slash(line)).as(line).isInstanceOfSatisfying(CommandResult.Failed.class, f ->
                        assertThat(f.message()).doesNotContain("\n").doesNotContainIgnoringCase("exception")
                                .hasSizeLessThan(200));
            }
            assertThat(memory.service().store().stats(ALICE)).isEqualTo(before);
            assertThat(memory.service().store().get(new Namespace("test:bob"), bobs.id()).orElseThrow().active())
                    .isTrue();
        }
    }
}
