package dev.jclaw.agent.gateway;

import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.core.session.Entry;
import java.util.ArrayList;
import java.util.List;

/** A conversation's entries as a channel shows them: what was said, not the bookkeeping. */
final class History {
    private History() {
    }

    static List<HistoryItem> of(List<Entry> entries) {
        List<HistoryItem> items = new ArrayList<>();
        for (Entry entry : entries) {
            switch (entry.body()) {
                case Entry.User u -> items.add(new HistoryItem(HistoryItem.Role.USER, u.text(), "", u.images().size(),
                        entry.at()));
                case Entry.Assistant a when !a.text().isEmpty() ->
                        items.add(new HistoryItem(HistoryItem.Role.ASSISTANT, a.text(), "", 0, entry.at()));
                case Entry.ToolOutput t -> items.add(new HistoryItem(HistoryItem.Role.TOOL,
                        TurnEvents.preview(t.content()), t.tool(), 0, entry.at()));
                case Entry.CompactionSummary c ->
                        items.add(new HistoryItem(HistoryItem.Role.SUMMARY, c.summary(), "", 0, entry.at()));
                default -> {
                    // tool-call-only steps, notes and usage records are bookkeeping
                }
            }
        }
        return items;
    }
}
