package dev.jclaw.core.identity;

import dev.jclaw.api.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One audited event. Texts are cut to their column's length and control characters replaced, so that no caller can
 * forge a line of the JSON-lines log or a row of {@code jclaw audit}. The detail holds facts such as a tool's name
 * and the SHA-256 of its arguments — never the arguments, a password or a token.
 *
 * @param time when it happened
 * @param kind what happened
 * @param actor who did it: a user id, {@code admin} (the bootstrap token), {@code cli:NAME} (an operator at the
 *              terminal), or the name a failed login gave
 * @param address the client's address, empty when not over the network
 * @param channel where it came from: {@code http}, {@code cli}, a channel plugin's name
 * @param subject what it acted on: a user, an API key id, a tool; empty when nothing else
 * @param detail more facts, as a JSON object
 */
public record AuditEntry(Instant time, AuditKind kind, String actor, String address, String channel, String subject,
                         JsonObject detail) {
    /** The longest actor or subject kept. */
    public static final int MAX_NAME = 200;
    /** The longest address kept. */
    public static final int MAX_ADDRESS = 64;
    /** The longest channel kept. */
    public static final int MAX_CHANNEL = 64;

    /** Checks the fields and makes the texts safe to print. */
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        actor = safe(actor, MAX_NAME);
        address = safe(address, MAX_ADDRESS);
        channel = safe(channel, MAX_CHANNEL);
        subject = safe(subject, MAX_NAME);
    }

    /**
     * Starts an entry with no address, subject or detail.
     *
     * @param time when
     * @param kind what
     * @param actor who
     * @param channel where from
     * @return the entry
     */
    public static AuditEntry of(Instant time, AuditKind kind, String actor, String channel) {
        return new AuditEntry(time, kind, actor, "", channel, "", JsonObject.EMPTY);
    }

    /**
     * Returns the entry with a client address.
     *
     * @param from the address
     * @return the entry
     */
    public AuditEntry address(String from) {
        return new AuditEntry(time, kind, actor, from, channel, subject, detail);
    }

    /**
     * Returns the entry with a subject.
     *
     * @param what what it acted on
     * @return the entry
     */
    public AuditEntry subject(String what) {
        return new AuditEntry(time, kind, actor, address, channel, what, detail);
    }

    /**
     * Returns the entry with details.
     *
     * @param facts the details
     * @return the entry
     */
    public AuditEntry detail(JsonObject facts) {
        return new AuditEntry(time, kind, actor, address, channel, subject, facts);
    }

    /**
     * The details of an audited tool call: its name and the SHA-256 of its arguments, never the arguments (they may
     * hold secrets or personal data); the digest still tells whether two calls had the same arguments.
     *
     * @param tool the tool's name
     * @param arguments the arguments as the model sent them (JSON text)
     * @return {@code {"tool": "...", "arguments_sha256": "<64 hex digits>"}}
     */
    public static JsonObject toolCall(String tool, String arguments) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(arguments.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return JsonObject.builder().put("tool", safe(tool, MAX_NAME))
                    .put("arguments_sha256", java.util.HexFormat.of().formatHex(digest)).build();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Cuts a text to a length and replaces control and invisible format characters with {@code ?}.
     *
     * @param text the text, {@code null} for none
     * @param max the longest result
     * @return the safe text, empty for {@code null}
     */
    public static String safe(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().limit(max).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.length() > max ? out.substring(0, max) : out.toString();
    }
}
