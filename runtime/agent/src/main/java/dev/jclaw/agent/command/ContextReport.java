package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.core.context.FittedPrompt;
import dev.jclaw.core.session.SessionUsage;
import java.util.Locale;
import java.util.Optional;

/** {@code /context}: the last turn's prompt, zone by zone, and what the provider served from its cache. */
final class ContextReport {
    private ContextReport() {
    }

    static CommandResult of(CommandTarget c) {
        Optional<ContextView> last = c.context();
        if (last.isEmpty()) {
            return new CommandResult.Reply("no turn has run in this conversation since the start; send a message"
                    + " first");
        }
        ContextView v = last.get();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "context window %,d tokens (counted with"
                + " %s)%n", v.window(), v.counter()));
        line(out, "frozen prefix", v.frozen(), "");
        for (FittedPrompt.Section s : v.sections()) {
            String fit = switch (s.fit()) {
                case WHOLE -> "";
                case CUT -> String.format(Locale.ROOT, " (cut from %,d)", s.originalTokens());
                case DROPPED -> String.format(Locale.ROOT, " (dropped, %,d)", s.originalTokens());
            };
            line(out, "  " + s.name(), s.tokens(), fit);
        }
        line(out, "tool definitions", v.tools(), "");
        line(out, "history", v.history(), String.format(Locale.ROOT, " of %,d before compaction",
                v.historyBudget()));
        line(out, "per-turn reserve", v.suffixReserve(), "");
        line(out, "retrieval reserve", v.dynamicReserve(), "");
        int used = v.frozen() + v.tools() + v.history() + v.suffixReserve() + v.dynamicReserve();
        line(out, "left for the answer", Math.max(0, v.window() - used), "");
        c.lastTurnUsage().ifPresent(t -> out.append(String.format(Locale.ROOT, "last turn (%d step%s, %s): %s%n",
                t.steps(), t.steps() == 1 ? "" : "s", t.model(), tokens(t.usage().inputTokens(),
                        t.usage().cachedTokens(), t.usage().outputTokens(), t.usage().reasoningTokens()))));
        SessionUsage all = c.usage();
        if (all.turns() > 0) {
            out.append(String.format(Locale.ROOT, "this conversation (%d turn%s): %s%n", all.turns(),
                    all.turns() == 1 ? "" : "s", tokens(all.inputTokens(), all.cachedTokens(), all.outputTokens(),
                            all.reasoningTokens())));
        }
        return new CommandResult.Reply(out.toString().stripTrailing());
    }

    /** The provider's counts: what it read, what of that came from its prompt cache, what it wrote. */
    private static String tokens(long input, long cached, long output, long reasoning) {
        return String.format(Locale.ROOT, "%,d in, %,d of them from the cache (%.0f%%), %,d out%s", input, cached,
                input == 0 ? 0.0 : 100.0 * cached / input, output,
                reasoning == 0 ? "" : String.format(Locale.ROOT, " (%,d reasoning)", reasoning));
    }

    private static void line(StringBuilder out, String name, long tokens, String note) {
        out.append(String.format(Locale.ROOT, "  %-22s %,9d%s%n", name, tokens, note));
    }
}
