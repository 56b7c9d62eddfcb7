package dev.jclaw.server.cli;

import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Shows a turn in a terminal as it happens: the answer streams to standard output; tool calls, reasoning and
 * problems go to standard error, dimmed when the terminal takes colours, so that piping the output keeps only the
 * answer.
 */
final class TerminalRenderer implements Consumer<AgentEvent> {
    private static final int PREVIEW = 160;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;
    private boolean midLine;

    TerminalRenderer(PrintStream out, PrintStream err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    @Override
    public void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.Queued e -> note("(waiting: " + e.position() + " turn" + (e.position() == 1 ? "" : "s")
                    + " ahead in this session)");
            case AgentEvent.Compaction e -> note("(" + e.message() + ")");
            case AgentEvent.Retrying e -> note("retrying in " + seconds(e.delay()) + " (attempt " + e.attempt()
                    + " of " + e.maxAttempts() + "): " + e.reason());
            case AgentEvent.Recalled e -> note("(remembered [" + e.source() + "] " + preview(e.text()) + ")");
            case AgentEvent.TextDelta e -> {
                out.print(e.text());
                out.flush();
                midLine = !e.text().endsWith("\n");
            }
            case AgentEvent.ReasoningDelta e -> {
                err.print(dim(e.text()));
                err.flush();
            }
            case AgentEvent.ToolStarted e -> note("-> " + e.tool() + " " + preview(e.arguments()));
            case AgentEvent.ToolFinished e -> note(switch (e.result()) {
                case ToolResult.Ok ok -> "<- " + e.tool() + " ok (" + e.elapsed().toMillis() + " ms) "
                        + preview(ok.content());
                case ToolResult.Failed f -> "<- " + e.tool() + " failed: " + preview(f.message());
                case ToolResult.Denied d -> "<- " + e.tool() + " denied: " + preview(d.reason());
            });
            case AgentEvent.ApprovalRequested e -> note("?? " + e.tool() + " wants to run: " + preview(e.arguments()));
            case AgentEvent.UsageReported e -> {
            }
            case AgentEvent.Done e -> {
                if (midLine) {
                    out.println();
                }
                midLine = false;
                note("(" + e.steps() + " step" + (e.steps() == 1 ? "" : "s") + ", " + e.usage().inputTokens()
                        + " in / " + e.usage().outputTokens() + " out tokens, " + e.usage().cachedTokens()
                        + " cached)");
            }
            case AgentEvent.Failed e -> {
                if (midLine) {
                    out.println(e.partialAnswer().isEmpty() ? "" : " [cut off]");
                }
                midLine = false;
                err.println("jclaw: " + e.message());
            }
        }
    }

    private void note(String text) {
        if (midLine) {
            out.println();
            midLine = false;
        }
        out.flush();
        err.println(dim(text));
        err.flush();
    }

    private String dim(String text) {
        return colour ? "\u001b[2m" + text + "\u001b[0m" : text;
    }

    /** @return a wait as a person reads it: {@code 2 s}, {@code 1.5 s} */
    static String seconds(java.time.Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                millis / 1000.0);
    }

    private static String preview(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW) + "…";
    }
}
