package dev.jclaw.agent;

import dev.jclaw.api.hook.SessionContext;
import dev.jclaw.core.compaction.CompactionOutcome;
import dev.jclaw.core.compaction.Trigger;
import dev.jclaw.core.context.PromptBudget;
import dev.jclaw.core.context.RequestTokens;
import dev.jclaw.core.dispatch.ToolPort;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Prepares a turn: loads the conversation, builds the frozen prefix, counts every zone against the model's budget
 * and compacts the history first when it would not fit. Also handles a provider's "too long" after the fact.
 *
 * <p>Runs under the conversation's turn lock, so a conversation is never planned and compacted twice at once.
 */
final class TurnPlanner {
    private final SessionStore store;
    private final SessionRouter router;
    private final ToolPort tools;
    private final ModelBudgets budgets;
    private final HookChain hooks;
    /** Per token counter: each remembers the tool definitions it counted, which every turn offers again. */
    private final Map<TokenCounter, RequestTokens> counting = new ConcurrentHashMap<>();

    TurnPlanner(SessionStore store, SessionRouter router, ToolPort tools, ModelBudgets budgets, HookChain hooks) {
        this.store = store;
        this.router = router;
        this.tools = tools;
        this.budgets = budgets;
        this.hooks = hooks;
    }

    /**
     * Tokens per zone of one turn's first request, as counted before it was sent.
     *
     * @param frozen the system prompt
     * @param tools the tool definitions
     * @param history the conversation so far and the new message
     * @param historyBudget what the history may use
     * @param suffixReserve kept free for the per-turn context
     * @param dynamicReserve kept free for retrieved context
     * @param window the model's context window
     * @param counter how tokens were counted
     */
    record Zones(int frozen, int tools, int history, int historyBudget, int suffixReserve, int dynamicReserve,
                 int window, String counter) {
    }

    /**
     * A turn ready to run.
     *
     * @param session the conversation as loaded (after any compaction)
     * @param systemPrompt the frozen prefix
     * @param history the messages before the new one
     * @param zones what each zone costs
     * @param prefix the prefix's sections, for {@code /context}
     * @param compaction what compaction did first, if it ran
     */
    record Plan(SessionRouter.Loaded session, String systemPrompt, List<ChatMessage> history, Zones zones,
                FrozenPrefix.Prefix prefix, Optional<CompactionOutcome> compaction) {
    }

    Plan plan(SessionKey key, String model, ChatMessage.User sent, FrozenPrefix frozen, Consumer<AgentEvent> events) {
        SessionRouter.Loaded session = router.load(key);
        List<ToolDefinition> definitions = tools.definitions();
        PromptBudget budget = budgets.budget(model);
        RequestTokens tokens = counting.computeIfAbsent(budget.counter(), RequestTokens::new);
        FrozenPrefix.Prefix prefix = frozen.build(definitions, budget);
        int prefixTokens = tokens.systemPrompt(prefix.text());
        int toolTokens = tokens.tools(definitions);
        int fixed = prefixTokens + toolTokens;
        int message = tokens.message(sent);
        List<ChatMessage> history = Histories.messages(session.path());
        int historyTokens = count(tokens, history) + message;
        Optional<CompactionOutcome> compaction = Optional.empty();
        if (budget.needsCompaction(historyTokens, fixed, budget.suffixBudget(), budget.dynamicBudget())) {
            CompactionOutcome outcome = compact(key, session.header().id(), model, Trigger.BUDGET, "", events);
            compaction = Optional.of(outcome);
            if (outcome instanceof CompactionOutcome.Compacted) {
                session = router.load(key);
                history = Histories.messages(session.path());
                historyTokens = count(tokens, history) + message;
            }
        }
        Zones zones = new Zones(prefixTokens, toolTokens, historyTokens,
                budget.historyBudget(fixed, budget.suffixBudget(), budget.dynamicBudget()), budget.suffixBudget(),
                budget.dynamicBudget(), budget.contextWindow(), budget.counter().name());
        return new Plan(session, prefix.text(), history, zones, prefix, compaction);
    }

    /**
     * After the provider refused a turn as too long: sets the refused attempt aside on a branch of its own, compacts
     * what came before it, and says whether the turn may run again. When compaction does not succeed, the
     * conversation is left as it was (the refused attempt current).
     */
    boolean compactAfterOverflow(SessionKey key, SessionId id, String model, String text,
                                 Consumer<AgentEvent> events) {
        List<Entry> path = store.path(id);
        Optional<EntryId> leaf = path.isEmpty() ? Optional.empty() : Optional.of(path.getLast().id());
        Optional<EntryId> before = Optional.empty();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).body() instanceof Entry.User user && user.text().equals(text)) {
                before = path.get(i).parent();
                break;
            }
        }
        if (before.isEmpty() || leaf.isEmpty()) {
            return false; // the message alone is too long: a summary of nothing would not help
        }
        store.moveLeaf(id, before.get());
        CompactionOutcome outcome = compact(key, id, model, Trigger.OVERFLOW, "", events);
        if (outcome instanceof CompactionOutcome.Compacted) {
            return true;
        }
        store.moveLeaf(id, leaf.get());
        return false;
    }

    /**
     * Compacts a conversation now ({@code /compact}).
     *
     * @return what happened
     */
    CompactionOutcome compactNow(SessionKey key, SessionId id, String model, String focus,
                                 Consumer<AgentEvent> events) {
        return compact(key, id, model, Trigger.COMMAND, focus, events);
    }

    /** Compacts between the {@code beforeCompaction} and {@code afterCompaction} hook points. */
    private CompactionOutcome compact(SessionKey key, SessionId id, String model, Trigger trigger, String focus,
                                      Consumer<AgentEvent> events) {
        String name = trigger.name().toLowerCase(Locale.ROOT);
        SessionContext session = new SessionContext(key.value(), id.value());
        try {
            hooks.beforeCompaction(session, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the compactor sees it and gives up, leaving the history as it was
        }
        CompactionOutcome outcome = budgets.compactor(model).compact(store, id, model, trigger, focus);
        try {
            hooks.afterCompaction(session, switch (outcome) {
                case CompactionOutcome.Compacted c -> "compacted";
                case CompactionOutcome.Skipped s -> "skipped";
                case CompactionOutcome.Failed f -> "failed";
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.accept(switch (outcome) {
            case CompactionOutcome.Compacted c -> new AgentEvent.Compaction(name, "compacted", "compacted the"
                    + " conversation: " + c.entriesSummarised()
                    + (c.entriesSummarised() == 1 ? " entry" : " entries") + " summarised, " + c.tokensBefore()
                    + " → " + c.tokensAfter() + " tokens");
            case CompactionOutcome.Skipped s -> new AgentEvent.Compaction(name, s.reason(), "nothing was compacted ("
                    + s.reason().replace('_', ' ') + ")");
            case CompactionOutcome.Failed f -> new AgentEvent.Compaction(name, f.reason(), "compaction failed and"
                    + " the conversation is unchanged: " + f.message());
        });
        return outcome;
    }

    private static int count(RequestTokens tokens, List<ChatMessage> messages) {
        int sum = 0;
        for (ChatMessage m : messages) {
            sum += tokens.message(m);
        }
        return sum;
    }
}
