package dev.jclaw.core.memory;

import java.util.List;

/** The memory index of the frozen prefix: one line per memory, {@code [L2 ab12cd34] text…}, within a budget. */
final class MemoryIndexPrompt {
    private static final int LINE = 120;

    private MemoryIndexPrompt() {
    }

    static String render(List<MemoryEntry> entries, int maxChars) {
        StringBuilder out = new StringBuilder();
        for (MemoryEntry e : entries) {
            String text = e.content().replace('\n', ' ').strip();
            String line = "[" + e.layer().code() + " " + e.id().shortForm() + "] "
                    + (text.length() > LINE ? text.substring(0, LINE - 1) + "…" : text) + "\n";
            if (out.length() + line.length() > maxChars) {
                break;
            }
            out.append(line);
        }
        return out.toString();
    }
}
