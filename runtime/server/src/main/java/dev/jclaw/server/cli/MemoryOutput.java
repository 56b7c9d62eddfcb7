package dev.jclaw.server.cli;

import dev.jclaw.agent.memory.MergeNotes;
import dev.jclaw.api.json.Json;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.Recalled;
import dev.jclaw.server.http.MemoryJson;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code jclaw memory} prints, whether it ran in this process or in a server: entries one per line on standard
 * output (a note on standard error), or with {@code --json} one JSON object per entry ({@link MemoryJson}).
 */
final class MemoryOutput {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    MemoryOutput(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /**
     * Prints entries.
     *
     * @param entries the entries
     * @param note what happened, for people; empty for none
     */
    void entries(List<MemoryEntry> entries, String note) {
        if (json) {
            entries.forEach(e -> out.println(Json.write(MemoryJson.entry(e))));
            return;
        }
        lines(entries, note);
    }

    /**
     * Prints what a search found, best first; with {@code --json} each with its score.
     *
     * @param found the entries found
     */
    void found(List<Recalled> found) {
        if (json) {
            found.forEach(r -> out.println(Json.write(MemoryJson.recalled(r))));
            return;
        }
        lines(found.stream().map(Recalled::entry).toList(), found.isEmpty() ? "nothing found" : "");
    }

    /**
     * Prints a namespace's counts.
     *
     * @param s the counts
     */
    void stats(MemoryBackend.Stats s) {
        if (json) {
            out.println(Json.write(MemoryJson.stats(s.namespace(), s.counts(), s.embedding())));
            return;
        }
        out.println(s.namespace() + ": " + s.counts().facts() + " facts, " + s.counts().procedures()
                + " procedures, " + s.counts().archives() + " archives, " + s.counts().forgotten() + " forgotten, "
                + s.counts().merged() + " merged; embeddings " + s.embedding());
    }

    private void lines(List<MemoryEntry> entries, String note) {
        if (!note.isEmpty()) {
            err.println(note);
        }
        for (MemoryEntry e : entries) {
            String status = switch (e.status()) {
                case ACTIVE -> "";
                case ARCHIVED -> " (forgotten)";
                case MERGED -> " (merged into [" + e.layer().code() + " " + e.mergedInto().orElseThrow().shortForm()
                        + "])";
            };
            out.println(MergeNotes.tag(e) + status + " " + e.content().replace('\n', ' '));
        }
    }
}
