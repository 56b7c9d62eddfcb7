package dev.jclaw.core.approval;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The id of one pending approval: 128 random bits, base64url without padding (22 characters). Unguessable, so
 * holding the id is no authority by itself: {@link Approvals#answer} still checks who answers.
 *
 * @param value the id
 */
public record ApprovalId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when it is not 22 base64url characters
     */
    public ApprovalId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an approval id is 22 characters of A-Z, a-z, 0-9, '-' and '_'");
        }
    }

    /**
     * Draws a new id.
     *
     * @return a random id
     */
    public static ApprovalId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new ApprovalId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Reads an id a channel received, without throwing on hostile text.
     *
     * @param text the text (may be anything a client sent)
     * @return the id, or empty when the text is not of the id's form
     */
    public static Optional<ApprovalId> parse(String text) {
        return text != null && FORM.matcher(text).matches() ? Optional.of(new ApprovalId(text)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
