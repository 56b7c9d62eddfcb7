package dev.jclaw.agent.memory;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.context.ContextEngine;
import dev.jclaw.core.context.ContextSnippet;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Recalled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memory in every turn: what is recalled for the user's message goes into the dynamic zone ({@link ContextEngine},
 * asked once per message); the working memory and, every {@value #NUDGE_EVERY} user turns without a
 * {@code memorize}, a nudge go into the per-turn suffix (a runtime {@link Hook}).
 */
public final class MemoryContext implements ContextEngine, Hook {
    /** How many user turns without {@code memorize} before the model is reminded. */
    static final int NUDGE_EVERY = 10;
    static final String NUDGE = "<nudge>Consider using memorize to save facts or procedures that were confirmed"
            + " in this conversation, for later ones.</nudge>";
    private final AgentMemory memory;
    private final Map<String, Integer> turnsWithoutMemorize = new ConcurrentHashMap<>();

    /**
     * Creates the context.
     *
     * @param memory the memory
     */
    public MemoryContext(AgentMemory memory) {
        this.memory = memory;
    }

    @Override
    public List<ContextSnippet> retrieve(TurnContext turn) throws InterruptedException {
        java.util.Optional<MemoryService> service = memory.available();
        if (service.isEmpty()) { // why is for the operator (the log, the health check), not for the model
            return List.of(new ContextSnippet("memory", "unavailable for this message"));
        }
        MemoryService.Recall recall = service.get().retrieve(AgentMemory.namespace(turn.sessionKey()),
                turn.userMessage());
        List<ContextSnippet> snippets = new ArrayList<>();
        for (Recalled r : recall.items()) {
            snippets.add(new ContextSnippet(r.source(), r.entry().content()));
        }
        if (recall.degraded()) {
            snippets.add(new ContextSnippet("memory", "unavailable for this message (" + recall.problem() + ")"));
        }
        return snippets;
    }

    @Override
    public int priority() {
        return 20; // the runtime's band before the plugins
    }

    @Override
    public void onTurnStart(TurnContext turn) {
        turnsWithoutMemorize.merge(turn.sessionId(), 1, Integer::sum);
        if (turnsWithoutMemorize.size() > 10_000) {
            turnsWithoutMemorize.clear();
        }
    }

    @Override
    public String beforePromptBuild(TurnContext turn) {
        String notes = memory.working().render(turn.sessionId());
        int turns = turnsWithoutMemorize.getOrDefault(turn.sessionId(), 0);
        String nudge = turns > 0 && turns % NUDGE_EVERY == 0 ? NUDGE : "";
        return notes.isEmpty() ? nudge : nudge.isEmpty() ? notes : notes + "\n" + nudge;
    }

    @Override
    public ToolResult afterToolCall(ToolCallContext.Finished finished) {
        if (finished.call().toolName().equals("memorize") && finished.result() instanceof ToolResult.Ok) {
            turnsWithoutMemorize.put(finished.call().turn().sessionId(), 0);
        }
        return finished.result();
    }
}
