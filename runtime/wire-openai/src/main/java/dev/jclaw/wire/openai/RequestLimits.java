package dev.jclaw.wire.openai;

import java.util.Objects;

/**
 * What {@link ChatRequestParser} accepts beyond the format itself. Passing a size limit is answered 413, not 400.
 *
 * @param maxBodyBytes the most bytes of one request body
 * @param maxMessages the most messages in one request
 * @param maxTotalChars the most characters of content (text and image URLs) of all messages together
 * @param clientTools what to do with {@code tools} and {@code tool_choice} sent by the client
 */
public record RequestLimits(long maxBodyBytes, int maxMessages, long maxTotalChars, ClientTools clientTools) {
    /**
     * Generous limits for a server: 16 MiB, 2,000 messages, 4 million characters, client tools refused.
     */
    public static final RequestLimits SERVER = new RequestLimits(16L << 20, 2_000, 4_000_000L, ClientTools.REFUSE);

    /** No practical limit, client tools accepted: what a fake provider checks. */
    public static final RequestLimits PROVIDER = new RequestLimits(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
            ClientTools.ACCEPT);

    /** Checks the limits. */
    public RequestLimits {
        if (maxBodyBytes < 1 || maxMessages < 1 || maxTotalChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        Objects.requireNonNull(clientTools, "clientTools");
    }

    /**
     * What to do with tools the client offers.
     */
    public enum ClientTools {
        /**
         * A non-empty {@code tools} array, or a {@code tool_choice} other than {@code auto} or {@code none}, is
         * refused (400, param {@code tools} or {@code tool_choice}): an agent runs its own tools on the server and
         * never returns {@code tool_calls} for the client to run, so silently dropping the client's tools would
         * answer a different question than the one asked. An empty array is accepted.
         */
        REFUSE,
        /** Tools are checked and kept, as a model provider does. */
        ACCEPT
    }
}
