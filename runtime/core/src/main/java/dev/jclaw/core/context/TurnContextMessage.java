package dev.jclaw.core.context;

import java.util.List;

/**
 * Renders the per-turn suffix and the dynamic zone as one {@code <turn_context>} message: the runtime line (time,
 * model, session), then what the hooks added, then the retrieved snippets, each part only when it has text.
 *
 * <p>The loop sends it last in each request of the turn and never stores it, so the system prompt and the whole
 * conversation keep their bytes from request to request: a provider's prompt cache can reuse everything before the
 * note.
 */
public final class TurnContextMessage {
    /** The opening tag. */
    public static final String OPEN = "<turn_context>";
    /** The closing tag. */
    public static final String CLOSE = "</turn_context>";
    /** The most characters of retrieved snippets, all together, before a cut marker. */
    public static final int SNIPPET_LIMIT = 16_000;

    private TurnContextMessage() {
    }

    /**
     * Renders the message.
     *
     * @param runtimeLine the runtime line, may be empty
     * @param hookText what the hooks added, may be empty
     * @param snippets the retrieved context, may be empty
     * @return the message text, or the empty string when all three are empty (then no message is sent)
     */
    public static String render(String runtimeLine, String hookText, List<ContextSnippet> snippets) {
        StringBuilder body = new StringBuilder();
        part(body, runtimeLine.strip());
        part(body, hookText.strip());
        part(body, snippets(snippets));
        if (body.isEmpty()) {
            return "";
        }
        return OPEN + "\n" + body + "\n" + CLOSE;
    }

    private static String snippets(List<ContextSnippet> snippets) {
        StringBuilder out = new StringBuilder();
        long cut = 0;
        for (ContextSnippet s : snippets) {
            if (s.text().isBlank()) {
                continue;
            }
            String piece = (out.isEmpty() ? "" : "\n") + (s.source().isBlank() ? "" : "[" + s.source().strip() + "] ")
                    + s.text().strip();
            int room = SNIPPET_LIMIT - out.length();
            if (piece.length() > room) {
                cut += piece.length() - room;
                piece = piece.substring(0, room);
            }
            out.append(piece);
        }
        if (cut > 0) {
            out.append("\n[retrieved context cut: ").append(cut).append(" more characters]");
        }
        return out.toString();
    }

    private static void part(StringBuilder body, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!body.isEmpty()) {
            body.append('\n');
        }
        // text from hooks and retrieval must not close the block early and pass itself off as something else
        body.append(text.replace(CLOSE, "&lt;/turn_context&gt;").replace(OPEN, "&lt;turn_context&gt;"));
    }
}
