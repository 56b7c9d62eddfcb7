package dev.jclaw.agent.memory;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryService;
import java.util.List;
import java.util.Locale;

/**
 * How every door — the {@code memorize} tool, {@code /memory}, {@code jclaw memory} — tells what a merge or a split
 * did: which entry was merged into which, both texts, and how to undo it.
 */
public final class MergeNotes {
    private MergeNotes() {
    }

    /**
     * @param e an entry
     * @return its tag as people see it, e.g. {@code [L2 ab12cd34]}
     */
    public static String tag(MemoryEntry e) {
        return "[" + e.layer().code() + " " + e.id().shortForm() + "]";
    }

    /**
     * @param text a memory's text
     * @param max the most characters shown
     * @return it on one line, quoted, cut to {@code max} characters
     */
    public static String quoted(String text, int max) {
        String line = text.replace('\n', ' ').replace('\r', ' ').strip();
        return "\"" + (line.length() <= max ? line : line.substring(0, max - 1) + "…") + "\"";
    }

    /**
     * What a merge did, in two sentences.
     *
     * @param m the merge
     * @param splitCommand the command that undoes it, without the id, e.g. {@code /memory split}
     * @return e.g. {@code merged into [L2 ab12cd34] (similarity 0.97, same names and numbers), which reads "…"; the
     *         other text, "…", is kept as [L2 cd34ef56]: /memory split cd34ef56 makes it a memory of its own again}
     */
    public static String merged(MemoryService.Memorized.Merged m, String splitCommand) {
        return "merged into " + tag(m.entry()) + " (a near duplicate: similarity "
                + String.format(Locale.ROOT, "%.2f", m.similarity()) + ", the same names and numbers), which reads "
                + quoted(m.entry().content(), 200) + "; the other text, " + quoted(m.absorbed().content(), 200)
                + ", is kept as " + tag(m.absorbed()) + ": " + splitCommand + " " + m.absorbed().id().shortForm()
                + " makes it a memory of its own again";
    }

    /**
     * @param known the entry that has the same text
     * @return that nothing was stored, and why
     */
    public static String alreadyKnown(MemoryEntry known) {
        return "already known word for word as " + tag(known) + known.mergedInto().map(into -> " (merged into ["
                + known.layer().code() + " " + into.shortForm() + "])").orElse("") + "; nothing stored";
    }

    /**
     * What a split did, one line per entry split out.
     *
     * @param s the split
     * @return e.g. {@code split [L2 cd34ef56] out of [L2 ab12cd34]; it is a memory of its own again: "…"}
     */
    public static String split(MemoryService.Splitting.Split s) {
        StringBuilder out = new StringBuilder();
        List<MemoryEntry> restored = s.restored();
        for (MemoryEntry e : restored) {
            out.append("split ").append(tag(e)).append(" out of ").append(tag(s.survivor()))
                    .append("; it is a memory of its own again: ").append(quoted(e.content(), 200)).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
