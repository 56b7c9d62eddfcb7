package dev.jclaw.agent.memory;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.Namespace;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory hook and recall over the real memory database and index (words only, for speed). */
class MemoryContextTest {
    @TempDir
    Path home;
    AgentMemory memory;
    MemoryContext context;
    final TurnContext turn = new TurnContext("cli:alice", "s1", "where is the wiki?");

    @BeforeEach
    void setUp() {
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                home.toString(), "JCLAW_MEMORY_EMBEDDING", "none")).build().load();
        memory = TestAgents.memory(config);
        context = new MemoryContext(memory);
    }

    @AfterEach
    void tearDown() {
        memory.close();
    }

    @Test
    void recalls_the_users_memories_with_their_short_ids() throws Exception {
        var entry = memory.service().memorize(new Namespace("cli:alice"), MemoryLayer.FACT, "url",
                "the team wiki is wiki.example.internal", "s0").entry();
        assertThat(context.retrieve(turn)).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("L2 " + entry.id().shortForm());
            assertThat(s.text()).isEqualTo("the team wiki is wiki.example.internal");
        });
        assertThat(context.retrieve(new TurnContext("cli:bob", "s9", "where is the wiki?"))).isEmpty();
    }

    @Test
    void puts_the_working_memory_in_every_turn_and_nudges_every_tenth_turn_without_memorize() {
        memory.working().put("s1", "goal", "migrate the wiki");
        for (int i = 1; i <= 9; i++) {
            context.onTurnStart(turn);
            assertThat(context.beforePromptBuild(turn)).contains("goal: migrate the wiki")
                    .doesNotContain("<nudge>");
        }
        context.onTurnStart(turn);
        assertThat(context.beforePromptBuild(turn)).contains("goal: migrate the wiki").contains("<nudge>");
        ToolCallContext call = new ToolCallContext(turn, "memorize", JsonObject.EMPTY);
        context.afterToolCall(call.finished(ToolResult.ok("memorized [L2 ab12cd34]")));
        for (int i = 1; i <= 9; i++) {
            context.onTurnStart(turn);
            assertThat(context.beforePromptBuild(turn)).doesNotContain("<nudge>");
        }
    }
}
