package dev.jclaw.core.session;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable address of a conversation, {@code channel:name}: {@code cli:alice}, {@code web:alice},
 * {@code feishu:app:chat}. Its current conversation ({@link SessionId}) changes on {@code /new}; the key does not.
 *
 * <p>A key is 1 to {@value #MAX_LENGTH} characters. The channel is a lower-case letter followed by lower-case
 * letters, digits or dashes; the name is anything printable on one line (no control characters, no line
 * separators, no half surrogate pairs) that neither starts nor ends with a space.
 *
 * <pre>{@code
 * SessionKey key = new SessionKey("feishu:cli_a1b2:oc_42");
 * key.channel(); // "feishu"
 * key.name();    // "cli_a1b2:oc_42"
 * }</pre>
 *
 * @param value the key
 */
public record SessionKey(String value) {
    /** The longest key, in characters. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException naming what is wrong with the key
     */
    public SessionKey {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException("a session key is channel:name, e.g. cli:alice; " + Text.quote(value)
                    + " " + problem);
        }
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "is empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (Text.hasUnprintable(value)) {
            return "holds a control character, a line break or a broken surrogate pair";
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return "has no channel (the part before ':')";
        }
        if (!CHANNEL.matcher(value.substring(0, colon)).matches()) {
            return "has a channel that is not a lower-case letter followed by up to 31 letters, digits or dashes";
        }
        String name = value.substring(colon + 1);
        if (name.isEmpty()) {
            return "has no name after the channel";
        }
        if (name.strip().length() != name.length()) {
            return "has a name that starts or ends with a space";
        }
        return "";
    }

    /**
     * Tells whether some key could start with a text: a prefix that is longer than any key, or holds a character
     * no key holds (a control character, a line break, half of a surrogate pair), starts none.
     *
     * @param prefix the text
     * @return whether a key may start with it
     */
    public static boolean couldStartWith(String prefix) {
        return prefix.length() <= MAX_LENGTH && !Text.hasUnprintable(prefix);
    }

    /** @return the channel, the part before the first {@code ':'} */
    public String channel() {
        return value.substring(0, value.indexOf(':'));
    }

    /** @return the name, everything after the first {@code ':'} */
    public String name() {
        return value.substring(value.indexOf(':') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
