package dev.jclaw.core.hook;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ModelReply;
import dev.jclaw.api.hook.SessionContext;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls the hooks of the runtime and of the plugins at the hook points of a turn, in {@link Hook#priority()} order
 * (lower first, ties in the order the source lists them).
 *
 * <p>The source is asked for the hooks at every hook point, so a plugin that loads, reloads or unloads takes effect
 * at the next point. The order is computed once per distinct list the source returns (compared by identity), so a
 * source should return the same list until its hooks change.
 *
 * <p>Each hook call runs on a virtual thread of its own with a deadline. A hook that throws, returns {@code null},
 * or overruns the deadline (its thread is then interrupted and abandoned) is logged with its owner and the hook
 * point, and skipped: the chain goes on with the next hook, and the turn goes on. With no hooks, a hook point costs
 * one call of the source and starts no thread.
 *
 * <p>Thread-safety: safe for concurrent use by any number of turns.
 */
public final class HookChain {
    /** The owner id of the runtime's own hooks. */
    public static final String RUNTIME = "runtime";
    /** The deadline of one hook call unless another is given. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    /** The most characters {@link #beforePromptBuild} returns, all hooks together, before its cut marker. */
    public static final int PROMPT_TEXT_LIMIT = 8_000;
    /** A chain without hooks. */
    public static final HookChain NONE = new HookChain(List::of);

    private final Supplier<List<RegisteredHook>> source;
    private final Duration deadline;
    private final System.Logger log;
    private volatile Ordered ordered = new Ordered(List.of(), List.of());

    /** The last list the source returned, and its hooks in priority order. */
    private record Ordered(List<RegisteredHook> source, List<RegisteredHook> hooks) {
    }

    /** A hook's priority, read once per ordering. */
    private record Ranked(RegisteredHook hook, int priority) {
    }

    /**
     * Creates a chain with the default deadline, logging to this class's logger.
     *
     * @param source the hooks now, in registration order
     */
    public HookChain(Supplier<List<RegisteredHook>> source) {
        this(source, DEFAULT_DEADLINE, System.getLogger(HookChain.class.getName()));
    }

    /**
     * Creates a chain.
     *
     * @param source the hooks now, in registration order
     * @param deadline how long one hook call may take
     * @param log where skipped hooks are reported
     */
    public HookChain(Supplier<List<RegisteredHook>> source, Duration deadline, System.Logger log) {
        this.source = Objects.requireNonNull(source, "source");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.log = Objects.requireNonNull(log, "log");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the hook deadline must be positive, got " + deadline);
        }
    }

    /**
     * Returns the hooks now, in the order they run.
     *
     * @return the hooks
     * @throws InterruptedException when the calling thread is interrupted while priorities are read
     */
    public List<RegisteredHook> hooks() throws InterruptedException {
        List<RegisteredHook> now = source.get();
        if (now.isEmpty()) {
            return List.of();
        }
        Ordered known = ordered;
        if (known.source() == now) {
            return known.hooks();
        }
        List<Ranked> ranked = new ArrayList<>(now.size());
        for (RegisteredHook h : now) {
            ranked.add(new Ranked(h, call(h, "priority", () -> h.hook().priority(), Hook.DEFAULT_PRIORITY)));
        }
        ranked.sort(Comparator.comparingInt(Ranked::priority)); // stable: ties keep registration order
        List<RegisteredHook> hooks = ranked.stream().map(Ranked::hook).toList();
        ordered = new Ordered(now, hooks);
        return hooks;
    }

    /**
     * Calls {@link Hook#onTurnStart} of every hook.
     *
     * @param turn the turn
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public void onTurnStart(TurnContext turn) throws InterruptedException {
        for (RegisteredHook h : hooks()) {
            run(h, "onTurnStart", () -> h.hook().onTurnStart(turn));
        }
    }

    /**
     * Collects what the hooks add to the per-turn suffix ({@link Hook#beforePromptBuild}): the non-blank outputs in
     * order, one per line, cut at {@link #PROMPT_TEXT_LIMIT} characters with a marker saying how much was cut.
     *
     * @param turn the turn
     * @return the text, empty when no hook added any
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public String beforePromptBuild(TurnContext turn) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        long cut = 0;
        for (RegisteredHook h : hooks()) {
            String out = call(h, "beforePromptBuild", () -> h.hook().beforePromptBuild(turn), "").strip();
            if (out.isEmpty()) {
                continue;
            }
            String piece = text.isEmpty() ? out : "\n" + out;
            int room = PROMPT_TEXT_LIMIT - text.length();
            if (piece.length() > room) {
                cut += piece.length() - room;
                piece = piece.substring(0, room);
            }
            text.append(piece);
        }
        if (cut > 0) {
            text.append("\n[hook output cut: ").append(cut).append(" more characters]");
        }
        return text.toString();
    }

    /**
     * Calls {@link Hook#afterModelResponse} of every hook.
     *
     * @param turn the turn
     * @param reply the step's response
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public void afterModelResponse(TurnContext turn, ModelReply reply) throws InterruptedException {
        for (RegisteredHook h : hooks()) {
            run(h, "afterModelResponse", () -> h.hook().afterModelResponse(turn, reply));
        }
    }

    /**
     * Asks every hook about a tool call ({@link Hook#beforeToolCall}). The first block wins and ends the chain;
     * replacements chain, each hook seeing the arguments the hooks before it left.
     *
     * @param call the call, with the arguments the model sent
     * @return {@link HookVerdict.Block} from the first hook that blocked; otherwise {@link HookVerdict.Replace}
     *         with the final arguments when any hook replaced them; otherwise {@link HookVerdict#PROCEED}
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public HookVerdict beforeToolCall(ToolCallContext call) throws InterruptedException {
        ToolCallContext current = call;
        boolean replaced = false;
        for (RegisteredHook h : hooks()) {
            ToolCallContext asked = current;
            HookVerdict verdict = call(h, "beforeToolCall", () -> h.hook().beforeToolCall(asked), HookVerdict.PROCEED);
            switch (verdict) {
                case HookVerdict.Proceed p -> {
                }
                case HookVerdict.Replace r -> {
                    current = new ToolCallContext(call.turn(), call.toolName(), r.arguments());
                    replaced = true;
                }
                case HookVerdict.Block b -> {
                    return b;
                }
            }
        }
        return replaced ? new HookVerdict.Replace(current.arguments()) : HookVerdict.PROCEED;
    }

    /**
     * Lets every hook rewrite a tool result ({@link Hook#afterToolCall}); each hook sees the result the hooks before
     * it left.
     *
     * @param finished the call and its result
     * @return the result the model reads
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public ToolResult afterToolCall(ToolCallContext.Finished finished) throws InterruptedException {
        ToolResult result = finished.result();
        for (RegisteredHook h : hooks()) {
            ToolCallContext.Finished seen = finished.call().finished(result);
            result = call(h, "afterToolCall", () -> h.hook().afterToolCall(seen), result);
        }
        return result;
    }

    /**
     * Calls {@link Hook#onTurnEnd} of every hook. Never throws: when the calling thread is interrupted, the hooks not
     * yet called are skipped and the interrupt flag is kept.
     *
     * @param turn the turn
     * @param outcome {@code done}, {@code aborted}, {@code failed} or {@code timeout}
     */
    public void onTurnEnd(TurnContext turn, String outcome) {
        try {
            for (RegisteredHook h : hooks()) {
                run(h, "onTurnEnd", () -> h.hook().onTurnEnd(turn, outcome));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Calls {@link Hook#beforeCompaction} of every hook.
     *
     * @param session the conversation
     * @param trigger {@code budget}, {@code overflow} or {@code command}
     * @throws InterruptedException when the calling thread is interrupted meanwhile
     */
    public void beforeCompaction(SessionContext session, String trigger) throws InterruptedException {
        for (RegisteredHook h : hooks()) {
            run(h, "beforeCompaction", () -> h.hook().beforeCompaction(session, trigger));
        }
    }

    /**
     * Calls {@link Hook#afterCompaction} of every hook.
     *
     * @param session the conversation
     * @param outcome {@code compacted}, {@code skipped} or {@code failed}
     * @throws InterruptedException when the calling thread is interrupted meanwhile
     */
    public void afterCompaction(SessionContext session, String outcome) throws InterruptedException {
        for (RegisteredHook h : hooks()) {
            run(h, "afterCompaction", () -> h.hook().afterCompaction(session, outcome));
        }
    }

    private void run(RegisteredHook h, String point, Runnable body) throws InterruptedException {
        call(h, point, () -> {
            body.run();
            return Boolean.TRUE;
        }, Boolean.FALSE);
    }

    /**
     * Runs one hook call on its own virtual thread and waits for it until the deadline. A plain call on the turn's
     * thread could not be abandoned: a hook that ignores interrupts would hold the turn for ever.
     */
    private <T> T call(RegisteredHook h, String point, Callable<T> body, T skip) throws InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("hook-" + h.ownerId() + "-" + point).start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) { // anything a plugin throws, errors included, only skips this hook
                result.completeExceptionally(e);
            }
        });
        try {
            T value = result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            if (value == null) {
                log.log(System.Logger.Level.WARNING, () -> owner(h) + " returned nothing at " + point + "; skipped");
                return skip;
            }
            return value;
        } catch (TimeoutException e) {
            thread.interrupt();
            log.log(System.Logger.Level.WARNING, () -> owner(h) + " overran its " + deadline.toMillis()
                    + " ms deadline at " + point + "; interrupted and skipped");
            return skip;
        } catch (ExecutionException e) {
            log.log(System.Logger.Level.WARNING, owner(h) + " failed at " + point + "; skipped: " + e.getCause(),
                    e.getCause());
            return skip;
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        }
    }

    private static String owner(RegisteredHook h) {
        return RUNTIME.equals(h.ownerId()) ? "the hook " + h.hook().getClass().getName() + " of the runtime"
                : "a hook of plugin '" + h.ownerId() + "'";
    }
}
