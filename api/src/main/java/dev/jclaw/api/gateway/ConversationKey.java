package dev.jclaw.api.gateway;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A conversation's address within a principal's own space: the channel it came through and a name the channel
 * chooses (a chat id, {@code default}, a thread). The gateway puts the principal in front, so two users' keys never
 * meet: {@code web} + {@code chat-7} for alice is alice's alone.
 *
 * @param channel the channel, e.g. {@code web}, {@code openai}, {@code feishu}, {@code cli}
 * @param name the conversation's name within the channel
 * @since 1.3
 */
public record ConversationKey(String channel, String name) {
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,95}");

    /**
     * Checks both parts.
     *
     * @throws IllegalArgumentException naming the part and the allowed form
     */
    public ConversationKey {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(name, "name");
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("a channel is 1 to 32 lower-case letters, digits or '-', starting with"
                    + " a letter; got '" + printable(channel) + "'");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a conversation name is 1 to 96 letters, digits, '.', '_', '@' or"
                    + " '-', starting with a letter or digit; got '" + printable(name) + "'");
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return channel + ":" + name;
    }
}
