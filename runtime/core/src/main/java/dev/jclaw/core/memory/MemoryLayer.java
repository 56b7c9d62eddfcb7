package dev.jclaw.core.memory;

import java.util.Locale;
import java.util.Optional;

/** The durable layers of memory. Working memory (L1) is per conversation and lives elsewhere. */
public enum MemoryLayer {
    /** L2: facts and preferences ("the staging database is pg-stage-2"). */
    FACT("L2"),
    /** L3: procedures, how a recurring task is done ("to deploy: run make release, then …"). */
    PROCEDURE("L3"),
    /** L4: the summary of a finished conversation. */
    ARCHIVE("L4");

    private final String code;

    MemoryLayer(String code) {
        this.code = code;
    }

    /** @return {@code L2}, {@code L3} or {@code L4} */
    public String code() {
        return code;
    }

    /**
     * Parses a layer as people and the model write it: {@code L2}, {@code fact}, {@code facts}, …
     *
     * @param text the text
     * @return the layer, or empty when the text names none
     */
    public static Optional<MemoryLayer> parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "l2", "fact", "facts" -> Optional.of(FACT);
            case "l3", "procedure", "procedures", "sop" -> Optional.of(PROCEDURE);
            case "l4", "archive", "archives" -> Optional.of(ARCHIVE);
            default -> Optional.empty();
        };
    }
}
