package dev.jclaw.core.loop;

import dev.jclaw.api.hook.ModelReply;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.context.ContextEngine;
import dev.jclaw.core.context.ContextSnippet;
import dev.jclaw.core.context.TurnContextMessage;
import dev.jclaw.core.dispatch.OutputLimit;
import dev.jclaw.core.dispatch.ToolDispatcher;
import dev.jclaw.core.dispatch.ToolPort;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a turn: build the request, stream the model, run the tool calls, repeat until the model answers. The policies
 * it asks are small classes of their own ({@link StepBudget}, {@link UnknownToolGuard}, {@link EmptyAnswerRetry},
 * {@link ModelRetry}, {@link OutputLimit}); tool calls go through the {@link ToolDispatcher}. Every entry is
 * written to the turn's {@link Transcript} before the next step starts. Before each step the {@link Steering}
 * messages a person sent into the turn ({@code /steer}, {@code /btw}) are added as one user message.
 *
 * <p>Hooks ({@link HookChain}): {@code onTurnStart}, then {@code beforePromptBuild} once, {@code afterModelResponse}
 * after every model response, the tool-call points in the dispatcher, and {@code onTurnEnd} however the turn ends,
 * after its last event and before {@link TurnHandle#end()} completes. Before the first model request the loop builds
 * the turn's {@code <turn_context>} message ({@link TurnContextMessage}: the runtime line, the hooks' text, and what
 * the {@link ContextEngine} retrieved, asked once per user message) and sends it as a system note at the end of
 * every request of the turn. It is never written to the transcript, so each request repeats the bytes of the one
 * before it up to the note, and a provider's prefix cache serves them (docs/benchmarks.md, CacheBench).
 *
 * <p>Thread-safety: one loop serves many turns at once; each turn runs on its own virtual thread. The caller
 * ensures one turn at a time per session.
 */
public final class AgentLoop {
    private static final System.Logger LOG = System.getLogger(AgentLoop.class.getName());

    private final ModelPort model;
    private final ToolPort tools;
    private final TurnLimits limits;
    private final ToolDispatcher dispatcher;
    private final HookChain hooks;
    private final ContextEngine context;

    /**
     * Creates a loop without hooks and without retrieved context.
     *
     * @param model the model
     * @param tools the tools
     * @param limits the limits and policies
     */
    public AgentLoop(ModelPort model, ToolPort tools, TurnLimits limits) {
        this(model, tools, limits, HookChain.NONE, ContextEngine.NONE);
    }

    /**
     * Creates a loop.
     *
     * @param model the model
     * @param tools the tools
     * @param limits the limits and policies
     * @param hooks the hooks of the runtime and the plugins
     * @param context fills the dynamic zone of each turn
     */
    public AgentLoop(ModelPort model, ToolPort tools, TurnLimits limits, HookChain hooks, ContextEngine context) {
        this(model, tools, limits, hooks, context, List.of());
    }

    /**
     * Creates a loop whose tools are kept out of some places.
     *
     * @param model the model
     * @param tools the tools
     * @param limits the limits and policies
     * @param hooks the hooks of the runtime and the plugins
     * @param context fills the dynamic zone of each turn
     * @param offLimits the places every tool call refuses, absolute: the data directory, the configuration, the
     *                  user's secret places (the list the bash sandbox hides)
     */
    public AgentLoop(ModelPort model, ToolPort tools, TurnLimits limits, HookChain hooks, ContextEngine context,
                     List<Path> offLimits) {
        this.model = model;
        this.tools = tools;
        this.limits = limits;
        this.hooks = hooks;
        this.context = context;
        this.dispatcher = new ToolDispatcher(tools, limits.toolTimeout(), new OutputLimit(limits.toolOutputChars()),
                hooks, offLimits);
    }

    /** A running turn. */
    public static final class TurnHandle {
        private final TurnControl control;
        private final CompletableFuture<AgentEvent> end;

        private TurnHandle(TurnControl control, CompletableFuture<AgentEvent> end) {
            this.control = control;
            this.end = end;
        }

        /** Aborts the turn; it ends promptly with {@code Failed(ABORTED)}, its partial answer kept. */
        public void abort() {
            control.abort();
        }

        /** @return the turn's last event: {@link AgentEvent.Done} or {@link AgentEvent.Failed} */
        public CompletableFuture<AgentEvent> end() {
            return end;
        }
    }

    /**
     * Starts a turn on a new virtual thread.
     *
     * @param turn the turn
     * @param events receives every event, on the turn's thread, the last one being Done or Failed
     * @return the handle
     */
    public TurnHandle start(Turn turn, Consumer<AgentEvent> events) {
        CompletableFuture<AgentEvent> end = new CompletableFuture<>();
        TurnControl[] control = new TurnControl[1];
        TurnContext hookTurn = new TurnContext(turn.sessionKey(), turn.sessionId(), turn.userMessage());
        Thread thread = Thread.ofVirtual().name("turn-" + turn.sessionKey()).unstarted(() -> {
            AgentEvent last = null;
            try (TurnControl c = control[0]) {
                last = run(turn, hookTurn, events, c);
            } catch (RuntimeException | Error e) {
                end.completeExceptionally(e);
            } finally {
                // after the control is closed, so that neither an abort nor the turn deadline cuts the hooks short
                hooks.onTurnEnd(hookTurn, outcome(last));
                end.complete(last);
            }
        });
        control[0] = new TurnControl(thread, limits.turnTimeout(), limits.idleTimeout());
        thread.start();
        return new TurnHandle(control[0], end);
    }

    private AgentEvent run(Turn turn, TurnContext hookTurn, Consumer<AgentEvent> events, TurnControl control) {
        List<ChatMessage> messages = new ArrayList<>(turn.history());
        turn.transcript().user(turn.userMessage(), turn.images());
        ToolDispatcher.Scope scope = new ToolDispatcher.Scope(hookTurn, turn.workspace(), turn.approval(),
                turn.approver(), events, turn.principal(), turn.approvals());
        StringBuilder streamed = new StringBuilder();
        List<ToolCall> pending = List.of();
        Usage total = Usage.NONE;
        int steps = 0;
        int strikes = 0;
        int nudges = 0;
        try {
            hooks.onTurnStart(hookTurn);
            List<ContextSnippet> recalled = retrieve(hookTurn);
            recalled.forEach(r -> events.accept(new AgentEvent.Recalled(r.source(), r.text())));
            String turnContext = TurnContextMessage.render(turn.turnContext(), hooks.beforePromptBuild(hookTurn),
                    recalled);
            messages.add(new ChatMessage.User(turn.userMessage(), turn.images()));
            ChatMessage note = turnContext.isEmpty() ? null : new ChatMessage.SystemNote(turnContext);
            while (true) {
                steer(turn, messages);
                if (!limits.steps().allows(steps)) {
                    return end(events, new AgentEvent.Failed(TurnFailure.STEP_BUDGET, limits.steps().exhausted(), ""));
                }
                ModelRequest request = new ModelRequest(turn.model(), turn.systemPrompt(), withLast(messages, note),
                        tools.definitions(), 0, turn.sessionId());
                ModelResponse response = ModelCall.stream(model, limits.retry(), request, events, control, streamed);
                steps++;
                total = total.plus(response.usage());
                events.accept(new AgentEvent.UsageReported(response.usage(), total));
                hooks.afterModelResponse(hookTurn, new ModelReply(response.text(),
                        response.toolCalls().stream().map(ToolCall::name).toList(), steps));
                if (response.toolCalls().isEmpty()) {
                    if (!response.text().isBlank()) {
                        turn.transcript().assistant(response.text(), response.reasoning(), List.of(), false);
                        return end(events, new AgentEvent.Done(response.text(), total, steps));
                    }
                    if (!limits.emptyAnswers().retry(nudges++)) {
                        return end(events, new AgentEvent.Failed(TurnFailure.EMPTY_ANSWER,
                                "the model gave an empty answer; try rephrasing", ""));
                    }
                    messages.add(new ChatMessage.Assistant("", List.of()));
                    messages.add(new ChatMessage.User(EmptyAnswerRetry.NUDGE));
                    turn.transcript().assistant("", response.reasoning(), List.of(), false);
                    turn.transcript().user(EmptyAnswerRetry.NUDGE);
                    continue;
                }
                pending = response.toolCalls();
                turn.transcript().assistant(response.text(), response.reasoning(), pending, false);
                messages.add(new ChatMessage.Assistant(response.text(), pending));
                streamed.setLength(0);
                List<Boolean> known = new ArrayList<>();
                for (ToolDispatcher.Outcome outcome : dispatcher.dispatch(pending, scope)) {
                    String content = text(outcome.result());
                    boolean error = !(outcome.result() instanceof ToolResult.Ok);
                    turn.transcript().toolResult(outcome.call().id(), outcome.call().name(), content, error);
                    messages.add(new ChatMessage.ToolResult(outcome.call().id(), outcome.call().name(), content));
                    known.add(outcome.known());
                }
                pending = List.of();
                strikes = limits.unknownTools().count(strikes, known);
                if (limits.unknownTools().exhausted(strikes)) {
                    return end(events, new AgentEvent.Failed(TurnFailure.UNKNOWN_TOOL_LOOP,
                            limits.unknownTools().message(), ""));
                }
            }
        } catch (InterruptedException e) {
            TurnFailure reason = control.stopReason() == null ? TurnFailure.ABORTED : control.stopReason();
            String message = control.stopReason() == null ? "the turn was interrupted" : control.stopMessage();
            return stopped(turn, events, new AgentEvent.Failed(reason, message, streamed.toString()), pending);
        } catch (ModelException e) {
            return stopped(turn, events, new AgentEvent.Failed(TurnFailure.of(e.kind()),
                    e.getMessage(), streamed.toString()), pending);
        }
    }

    /** What a person sent into the running turn reaches the model now, after the last step's tool results. */
    private static void steer(Turn turn, List<ChatMessage> messages) {
        List<Steering.Message> sent = turn.steering().drain();
        if (!sent.isEmpty()) {
            String text = Steering.render(sent);
            turn.transcript().user(text);
            messages.add(new ChatMessage.User(text));
        }
    }

    private List<ContextSnippet> retrieve(TurnContext turn) throws InterruptedException {
        try {
            List<ContextSnippet> found = context.retrieve(turn);
            return found == null ? List.of() : found.stream().filter(java.util.Objects::nonNull).toList();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "context retrieval failed for " + turn.sessionKey()
                    + "; the turn goes on without it: " + e, e);
            return List.of();
        }
    }

    private static String outcome(AgentEvent last) {
        return switch (last) {
            case AgentEvent.Done d -> "done";
            case AgentEvent.Failed f when f.reason() == TurnFailure.ABORTED || f.reason() == TurnFailure.TIMEOUT ->
                    f.reason().code();
            case null, default -> "failed";
        };
    }

    private static AgentEvent stopped(Turn turn, Consumer<AgentEvent> events, AgentEvent.Failed failed,
                                      List<ToolCall> pending) {
        // keep what the user saw, marked partial; close calls that never got a result
        for (ToolCall call : pending) {
            turn.transcript().toolResult(call.id(), call.name(), "interrupted before its result was recorded: " + failed.message(), true);
        }
        if (!failed.partialAnswer().isEmpty()) {
            turn.transcript().assistant(failed.partialAnswer(), "", List.of(), true);
        }
        return end(events, failed);
    }

    /**
     * The per-turn context goes last in every request of the turn and is never kept: so each request, and the next
     * turn's first, repeats the previous one's bytes up to that note, and a provider's prefix cache covers them.
     */
    private static List<ChatMessage> withLast(List<ChatMessage> messages, ChatMessage note) {
        if (note == null) {
            return messages;
        }
        List<ChatMessage> sent = new ArrayList<>(messages.size() + 1);
        sent.addAll(messages);
        sent.add(note);
        return sent;
    }

    private static AgentEvent end(Consumer<AgentEvent> events, AgentEvent last) {
        events.accept(last);
        return last;
    }

    private static String text(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> "Error: " + failed.message();
            case ToolResult.Denied denied -> "Denied: " + denied.reason();
        };
    }
}
