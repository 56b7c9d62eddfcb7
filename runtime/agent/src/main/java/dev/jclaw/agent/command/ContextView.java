package dev.jclaw.agent.command;

import dev.jclaw.core.context.FittedPrompt;
import java.util.List;

/**
 * What the last turn's first request cost, zone by zone, as counted before it was sent: for {@code /context}.
 *
 * @param window the model's context window
 * @param counter how tokens were counted (an encoding, or the calibrated estimate)
 * @param frozen the system prompt (frozen prefix)
 * @param sections the frozen prefix's sections, each with what fitting did to it
 * @param tools the tool definitions
 * @param history the conversation so far with the new message
 * @param historyBudget what the history may use before it is compacted
 * @param suffixReserve kept free for the per-turn context
 * @param dynamicReserve kept free for retrieved context
 */
public record ContextView(int window, String counter, int frozen, List<FittedPrompt.Section> sections, int tools,
                          int history, int historyBudget, int suffixReserve, int dynamicReserve) {
    /** Copies the sections. */
    public ContextView {
        sections = List.copyOf(sections);
    }
}
