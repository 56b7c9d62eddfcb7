package dev.jclaw.server.http;

import dev.jclaw.api.gateway.ConversationKey;

/**
 * How the conversation routes name a conversation address in one path segment: {@code CHANNEL:NAME}, e.g.
 * {@code web:chat-7}, or a bare {@code NAME} for the terminal's channel {@value ConversationRoutes#CHANNEL}, so
 * {@code /api/conversations/default/messages} and {@code /api/conversations/cli:default/messages} are one
 * conversation. A channel is 1 to 32 lower-case letters, digits or {@code -}; a name 1 to 96 letters, digits,
 * {@code .}, {@code _}, {@code @} or {@code -} starting with a letter or digit, so neither needs percent-encoding
 * (a client may still send {@code %3A} for the colon; the server decodes the segment once, before these checks).
 */
final class ConversationAddress {
    private ConversationAddress() {
    }

    /**
     * Reads an address.
     *
     * @param segment the decoded path segment
     * @return the address in the caller's space
     * @throws IllegalArgumentException with one sentence naming the part that is wrong (quoted cut short, its
     *                                  control characters replaced)
     */
    static ConversationKey parse(String segment) {
        if (segment == null || segment.isEmpty()) {
            throw new IllegalArgumentException("name a conversation as CHANNEL:NAME or NAME, e.g. web:chat-7");
        }
        int colon = segment.indexOf(':');
        if (colon < 0) {
            return new ConversationKey(ConversationRoutes.CHANNEL, segment);
        }
        return new ConversationKey(segment.substring(0, colon), segment.substring(colon + 1));
    }

    /**
     * Writes an address the way {@link #parse} reads it, always with its channel.
     *
     * @param key the address
     * @return e.g. {@code web:chat-7}
     */
    static String format(ConversationKey key) {
        return key.channel() + ":" + key.name();
    }
}
