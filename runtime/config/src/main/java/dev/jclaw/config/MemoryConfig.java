package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Memory: {@code memory} in {@code jclaw.json} (already validated against the schema, which gives the defaults).
 *
 * @param enabled whether memory is on
 * @param embedding {@code local:MODEL}, {@code none}, or a model name served by a configured provider
 * @param dimensions the vector length to ask a provider for, 0 for the model's own
 * @param facts the most facts put into one turn's context
 * @param procedures the most procedures put into one turn's context
 * @param archives the most archives put into one turn's context
 * @param archiveMinSimilarity how similar an archive must be to be recalled (cosine, 0 to 1)
 * @param translate whether a search also looks for the words of the other language (Chinese, English)
 */
public record MemoryConfig(boolean enabled, String embedding, int dimensions, int facts, int procedures, int archives,
                           double archiveMinSimilarity, boolean translate) {
    /** The prefix of the embedding models that run in this process. */
    public static final String LOCAL = "local:";
    /** The embedding setting that turns vectors off. */
    public static final String NONE = "none";

    /** Checks the fields. */
    public MemoryConfig {
        Objects.requireNonNull(embedding, "embedding");
    }

    /**
     * Reads the section from a validated configuration.
     *
     * @param config the configuration
     * @return the memory settings, defaults where the file says nothing
     */
    public static MemoryConfig of(JClawConfig config) {
        JsonObject m = config.raw().optObject("memory").orElse(JsonObject.EMPTY);
        double similarity = m.get("archive-min-similarity")
                .map(v -> v instanceof dev.jclaw.api.json.JsonNumber n ? n.value() : BigDecimal.valueOf(0.5))
                .orElse(BigDecimal.valueOf(0.5)).doubleValue();
        return new MemoryConfig(m.optBoolean("enabled").orElse(true),
                m.optString("embedding").orElse(LOCAL + "bge-small-zh-v15"),
                m.optLong("dimensions").orElse(0L).intValue(), m.optLong("facts").orElse(3L).intValue(),
                m.optLong("procedures").orElse(2L).intValue(), m.optLong("archives").orElse(5L).intValue(),
                similarity, m.optBoolean("translate").orElse(true));
    }

    /** @return whether texts get vectors at all */
    public boolean embeds() {
        return !embedding.equals(NONE);
    }

    /** @return whether the embedding model runs in this process */
    public boolean local() {
        return embedding.startsWith(LOCAL);
    }
}
