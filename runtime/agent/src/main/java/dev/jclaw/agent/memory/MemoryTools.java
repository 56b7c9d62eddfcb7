package dev.jclaw.agent.memory;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The memory tools the runtime offers beside the plugins': {@code memorize}, {@code forget} and
 * {@code update_working_memory}. "No execution, no memory": {@code memorize} refuses until the conversation has run
 * a tool call that succeeded (other than these three), so a model cannot fill memory from talk alone.
 */
public final class MemoryTools {
    /** The names of the memory tools, which never count as the execution {@code memorize} asks for. */
    public static final Set<String> NAMES = Set.of("memorize", "forget", "update_working_memory");

    /** What the tools need to know about the conversation that calls them. */
    public interface Conversations {
        /**
         * @param sessionKey the caller's session key
         * @return the id of its current conversation
         */
        String currentSession(String sessionKey);

        /**
         * @param sessionKey the caller's session key
         * @return whether its current conversation has run a tool call that succeeded, memory tools aside
         */
        boolean executedSomething(String sessionKey);
    }

    private MemoryTools() {
    }

    /**
     * Creates the tools.
     *
     * @param memory the memory
     * @param conversations what they need to know of their caller
     * @return the tools
     */
    public static List<Tool> of(AgentMemory memory, Conversations conversations) {
        return List.of(memorize(memory, conversations), forget(memory), workingMemory(memory, conversations));
    }

    private record RuntimeTool(String name, String description, String parametersSchema, ToolClass toolClass,
                               Body body) implements Tool {
        @Override
        public ToolResult execute(ToolContext context) throws Exception {
            try {
                return body.run(context);
            } catch (MemoryException e) {
                return ToolResult.failed(e.getMessage()); // e.g. memory is unavailable: the one sentence why
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        ToolResult run(ToolContext context) throws Exception;
    }

    private static Tool memorize(AgentMemory memory, Conversations conversations) {
        return new RuntimeTool("memorize", "Remember a fact (L2) or a procedure (L3) for later conversations of this"
                + " user or team. Only what was checked by running something: a tested command, a confirmed setting.",
                """
                {"type":"object","properties":{
                 "layer":{"type":"string","enum":["L2","L3"],"description":"L2 a fact or preference, L3 a procedure"},
                 "type":{"type":"string","description":"one word that sorts it, e.g. preference, deploy, contact"},
                 "content":{"type":"string","description":"the fact or the steps, self-contained"}},
                 "required":["layer","content"]}""", ToolClass.WRITE, ctx -> {
                    JsonObject a = ctx.arguments();
                    Optional<MemoryLayer> layer = a.optString("layer").flatMap(MemoryLayer::parse)
                            .filter(l -> l != MemoryLayer.ARCHIVE);
                    if (layer.isEmpty()) {
                        return ToolResult.failed("layer must be L2 (a fact) or L3 (a procedure)");
                    }
                    String content = a.optString("content").orElse("").strip();
                    if (content.isEmpty()) {
                        return ToolResult.failed("content is required: the fact or the steps to remember");
                    }
                    if (!conversations.executedSomething(ctx.sessionKey())) {
                        return ToolResult.failed("not memorized: nothing has been run and checked in this"
                                + " conversation yet; memorize what a tool call confirmed");
                    }
                    String type = a.optString("type").map(String::strip).filter(t -> !t.isEmpty())
                            .orElse(layer.get() == MemoryLayer.FACT ? "fact" : "procedure");
                    try {
                        MemoryService.Memorized done = memory.service().memorize(
                                AgentMemory.namespace(ctx.sessionKey()),
                                layer.get(), type, content, conversations.currentSession(ctx.sessionKey()));
                        return ToolResult.ok(switch (done) {
                            case MemoryService.Memorized.Stored s -> "memorized " + MergeNotes.tag(s.entry());
                            case MemoryService.Memorized.AlreadyKnown k -> MergeNotes.alreadyKnown(k.entry());
                            case MemoryService.Memorized.Merged m -> MergeNotes.merged(m, "/memory split");
                        });
                    } catch (IllegalArgumentException e) {
                        return ToolResult.failed(e.getMessage());
                    }
                });
    }

    private static Tool forget(AgentMemory memory) {
        return new RuntimeTool("forget", "Forget a memory that turned out wrong or outdated, by the id shown in"
                + " brackets (e.g. ab12cd34), with the reason.", """
                {"type":"object","properties":{
                 "id":{"type":"string","description":"the 8-character id, or the full id"},
                 "reason":{"type":"string","description":"why it is wrong or outdated"}},
                 "required":["id","reason"]}""", ToolClass.WRITE, ctx -> {
                    String id = ctx.arguments().optString("id").orElse("");
                    String reason = ctx.arguments().optString("reason").orElse("").strip();
                    if (reason.isEmpty() || reason.length() > 500) {
                        return ToolResult.failed("reason is required: one sentence, at most 500 characters");
                    }
                    return switch (memory.service().forget(AgentMemory.namespace(ctx.sessionKey()), id, reason)) {
                        case MemoryService.Forgetting.Forgotten f -> ToolResult.ok("forgot ["
                                + f.entry().layer().code() + " " + f.entry().id().shortForm() + "]");
                        case MemoryService.Forgetting.Refused r -> ToolResult.failed(r.message());
                    };
                });
    }

    private static Tool workingMemory(AgentMemory memory, Conversations conversations) {
        return new RuntimeTool("update_working_memory", "Keep a short note for the rest of this conversation"
                + " (goals, decisions, open points); an empty value removes it. At most 1,024 characters in all;"
                + " the oldest notes go first.", """
                {"type":"object","properties":{
                 "key":{"type":"string","description":"the note's name"},
                 "value":{"type":"string","description":"the note; empty to remove it"}},
                 "required":["key","value"]}""", ToolClass.READ, ctx -> {
                    try {
                        return ToolResult.ok(memory.working().put(conversations.currentSession(ctx.sessionKey()),
                                ctx.arguments().optString("key").orElse(""),
                                ctx.arguments().optString("value").orElse("")));
                    } catch (IllegalArgumentException e) {
                        return ToolResult.failed(e.getMessage());
                    }
                });
    }
}
