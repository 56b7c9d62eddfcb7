package dev.jclaw.core.memory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a memory entry or archive: 24 lower-case hex digits. People and the model refer to an entry by its
 * first {@value #SHORT} digits ({@link #shortForm()}), which {@code forget} and {@code /memory forget} accept.
 *
 * @param value the id
 */
public record MemoryId(String value) {
    /** How many leading digits the short form has. */
    public static final int SHORT = 8;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the form. */
    public MemoryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a memory id is 24 lower-case hex digits");
        }
    }

    /** @return a new random id */
    public static MemoryId random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new MemoryId(HexFormat.of().formatHex(bytes));
    }

    /** @return the first {@value #SHORT} digits */
    public String shortForm() {
        return value.substring(0, SHORT);
    }

    @Override
    public String toString() {
        return value;
    }
}
