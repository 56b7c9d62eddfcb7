package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import java.util.List;

/**
 * Counts a history's tokens as the model reads it: the branch through {@link Histories#messages} (so after a
 * compaction only the summary and the kept entries count), each message's texts plus a small per-message overhead
 * for the role markers providers add, and {@value dev.jclaw.core.model.ImageInput#ESTIMATED_TOKENS} tokens for each
 * image a user sent.
 */
public final class HistoryTokens {
    /** Tokens a provider adds around each message (role and separators); OpenAI documents 3 to 4. */
    public static final int MESSAGE_OVERHEAD = 4;

    private HistoryTokens() {
    }

    /**
     * Counts a branch.
     *
     * @param counter the token counter
     * @param path the branch, root first, as {@code SessionStore.path} returns it
     * @return the tokens, at most {@link Integer#MAX_VALUE}
     */
    public static int count(TokenCounter counter, List<Entry> path) {
        return countMessages(counter, Histories.messages(path));
    }

    /**
     * Counts messages.
     *
     * @param counter the token counter
     * @param messages the messages
     * @return the tokens, at most {@link Integer#MAX_VALUE}
     */
    public static int countMessages(TokenCounter counter, List<ChatMessage> messages) {
        long total = 0;
        for (ChatMessage message : messages) {
            total += count(counter, message);
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /**
     * Counts one message.
     *
     * @param counter the token counter
     * @param message the message
     * @return the tokens, overhead included
     */
    public static long count(TokenCounter counter, ChatMessage message) {
        return MESSAGE_OVERHEAD + switch (message) {
            case ChatMessage.User u -> (long) counter.count(u.text())
                    + (long) ImageInput.ESTIMATED_TOKENS * u.images().size();
            case ChatMessage.Assistant a -> {
                long sum = counter.count(a.text());
                for (ToolCall call : a.toolCalls()) {
                    sum += (long) counter.count(call.name()) + counter.count(call.arguments());
                }
                yield sum;
            }
            case ChatMessage.ToolResult r -> (long) counter.count(r.content());
            case ChatMessage.SystemNote n -> (long) counter.count(n.text());
        };
    }
}
