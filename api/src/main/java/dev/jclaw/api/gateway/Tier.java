package dev.jclaw.api.gateway;

import java.util.Locale;

/**
 * What a user's turns may do with write-class tools (files written, commands run). A user's tier is a ceiling: a
 * request, a channel or an MCP server may lower it for a turn ({@link #min}), never raise it.
 *
 * @since 1.3
 */
public enum Tier {
    /** Write-class calls are refused without asking; read-class calls run. */
    READ_ONLY("read-only"),
    /** Write-class calls wait for the yes of the user who started the turn (or an admin). */
    APPROVAL("approval"),
    /** Every call runs without asking. */
    YOLO("yolo");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    /**
     * Returns the tier's name as users write it.
     *
     * @return {@code read-only}, {@code approval} or {@code yolo}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the lower of this tier and another: what a turn gets when a request asks for {@code other} under
     * this ceiling.
     *
     * @param other the tier asked for
     * @return the lower of the two
     */
    public Tier min(Tier other) {
        return other.ordinal() < ordinal() ? other : this;
    }

    /**
     * Parses a tier's label.
     *
     * @param text {@code read-only}, {@code approval} or {@code yolo} (case and surrounding blanks ignored)
     * @return the tier
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Tier parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (Tier tier : values()) {
            if (tier.label.equals(wanted)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("tier must be read-only, approval or yolo, got '" + text + "'");
    }
}
