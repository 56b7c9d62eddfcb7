package dev.jclaw.server.http;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memories as JSON, and back: the answers of {@code /api/memory} are written here, and so are the lines of
 * {@code jclaw memory --json}, in this process or read back from a server, so that a script sees one shape either way.
 *
 * <p>An entry: {@code {"id", "short_id", "namespace", "layer": "L2", "type", "content", "status":
 * "active"|"archived"|"merged", "use_count", "created", "updated", "source_session", "last_used"?, "merged_into"?,
 * "archive_reason"?}}, with {@code "score"} when a search found it.
 */
public final class MemoryJson {
    private MemoryJson() {
    }

    /**
     * Writes an entry.
     *
     * @param e the entry
     * @return its JSON object
     */
    public static JsonObject entry(MemoryEntry e) {
        return entryBuilder(e).build();
    }

    private static JsonObject.Builder entryBuilder(MemoryEntry e) {
        JsonObject.Builder b = JsonObject.builder().put("id", e.id().value()).put("short_id", e.id().shortForm())
                .put("namespace", e.namespace().value()).put("layer", e.layer().code()).put("type", e.type())
                .put("content", e.content()).put("status", e.status().name().toLowerCase(Locale.ROOT))
                .put("use_count", e.useCount()).put("created", e.created().toString())
                .put("updated", e.updated().toString()).put("source_session", e.sourceSession());
        e.lastUsed().ifPresent(t -> b.put("last_used", t.toString()));
        e.mergedInto().ifPresent(into -> b.put("merged_into", into.value()));
        if (!e.archiveReason().isEmpty()) {
            b.put("archive_reason", e.archiveReason());
        }
        return b;
    }

    /**
     * Writes an entry a search found, with its score.
     *
     * @param r the entry found
     * @return its JSON object
     */
    public static JsonObject recalled(Recalled r) {
        return entryBuilder(r.entry()).put("score", new JsonNumber(BigDecimal.valueOf(r.score())
                .setScale(6, RoundingMode.HALF_UP))).build();
    }

    /**
     * Writes a namespace's statistics.
     *
     * @param namespace whose
     * @param s the counts
     * @param embedding the embedding model, or {@code none}
     * @return {@code {"namespace", "facts", "procedures", "archives", "forgotten", "merged", "embedding"}}
     */
    public static JsonObject stats(Namespace namespace, MemoryStats s, String embedding) {
        return JsonObject.builder().put("namespace", namespace.value()).put("facts", s.facts())
                .put("procedures", s.procedures()).put("archives", s.archives()).put("forgotten", s.forgotten())
                .put("merged", s.merged()).put("embedding", embedding).build();
    }

    /**
     * Writes what adding a memory did.
     *
     * @param namespace whose memory
     * @param done what happened
     * @return {@code {"namespace", "outcome": "stored"|"already_known"|"merged", "entries": [...], "similarity"?}}:
     *         the entry, or for a merge the entry merged into and the text kept beside it
     */
    public static JsonObject memorized(Namespace namespace, MemoryService.Memorized done) {
        return switch (done) {
            case MemoryService.Memorized.Stored s -> outcome(namespace, "stored", List.of(s.entry())).build();
            case MemoryService.Memorized.AlreadyKnown k -> outcome(namespace, "already_known", List.of(k.entry()))
                    .build();
            case MemoryService.Memorized.Merged m -> outcome(namespace, "merged", List.of(m.entry(), m.absorbed()))
                    .put("similarity", new JsonNumber(BigDecimal.valueOf(m.similarity())
                            .setScale(6, RoundingMode.HALF_UP))).build();
        };
    }

    /**
     * Writes an outcome with its entries.
     *
     * @param namespace whose memory
     * @param outcome what happened, e.g. {@code forgotten}
     * @param entries the entries it concerns
     * @return the object's builder, for more members
     */
    public static JsonObject.Builder outcome(Namespace namespace, String outcome, List<MemoryEntry> entries) {
        return JsonObject.builder().put("namespace", namespace.value()).put("outcome", outcome)
                .put("entries", entries(entries));
    }

    /**
     * @param entries entries
     * @return their JSON array
     */
    public static JsonArray entries(List<MemoryEntry> entries) {
        return new JsonArray(entries.stream().<JsonValue>map(MemoryJson::entry).toList());
    }

    /**
     * Reads what adding a memory did.
     *
     * @param json the answer of {@code POST /api/memory}
     * @return what happened
     * @throws JsonException when it is not such an answer
     */
    public static MemoryService.Memorized readMemorized(JsonObject json) {
        List<MemoryEntry> entries = readEntries(json);
        return switch (json.string("outcome")) {
            case "stored" -> new MemoryService.Memorized.Stored(first(entries));
            case "already_known" -> new MemoryService.Memorized.AlreadyKnown(first(entries));
            case "merged" -> {
                if (entries.size() != 2) {
                    throw new JsonException("a merge names two entries");
                }
                yield new MemoryService.Memorized.Merged(entries.get(0), entries.get(1), json.get("similarity")
                        .filter(JsonNumber.class::isInstance).map(n -> ((JsonNumber) n).value().doubleValue())
                        .orElse(Double.NaN));
            }
            default -> throw new JsonException("unknown outcome " + json.string("outcome"));
        };
    }

    /**
     * Reads the entries of an answer.
     *
     * @param json an answer with {@code "entries"}
     * @return the entries, with their scores when they carry one
     * @throws JsonException when an entry is not one
     */
    public static List<Recalled> readFound(JsonObject json) {
        List<Recalled> out = new ArrayList<>();
        for (JsonValue v : json.optArray("entries").orElseThrow(() -> new JsonException("'entries' is missing"))
                .elements()) {
            if (!(v instanceof JsonObject o)) {
                throw new JsonException("an entry must be an object");
            }
            double score = o.get("score").filter(JsonNumber.class::isInstance)
                    .map(n -> ((JsonNumber) n).value().doubleValue()).orElse(Double.NaN);
            out.add(new Recalled(readEntry(o), score, Double.NaN));
        }
        return out;
    }

    /**
     * @param json an answer with {@code "entries"}
     * @return the entries
     */
    public static List<MemoryEntry> readEntries(JsonObject json) {
        return readFound(json).stream().map(Recalled::entry).toList();
    }

    /**
     * Reads an entry.
     *
     * @param o its JSON object
     * @return the entry
     * @throws JsonException when it is not one
     */
    public static MemoryEntry readEntry(JsonObject o) {
        try {
            MemoryEntry.Status status = MemoryEntry.Status.valueOf(o.string("status").toUpperCase(Locale.ROOT));
            return new MemoryEntry(new MemoryId(o.string("id")), new Namespace(o.string("namespace")),
                    MemoryLayer.parse(o.string("layer")).orElseThrow(() -> new JsonException("unknown layer")),
                    o.string("type"), o.string("content"), o.optString("source_session").orElse(""),
                    Instant.parse(o.string("created")), Instant.parse(o.string("updated")),
                    o.optLong("use_count").orElse(0L), o.optString("last_used").map(Instant::parse), status,
                    o.optString("archive_reason").orElse(""), o.optString("merged_into").map(MemoryId::new));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new JsonException("not a memory entry: " + e.getMessage());
        }
    }

    /**
     * Reads statistics.
     *
     * @param o the answer of {@code GET /api/memory/stats}
     * @return the counts
     */
    public static MemoryStats readStats(JsonObject o) {
        return new MemoryStats(count(o, "facts"), count(o, "procedures"), count(o, "archives"),
                count(o, "forgotten"), count(o, "merged"));
    }

    private static long count(JsonObject o, String name) {
        return o.optLong(name).orElseThrow(() -> new JsonException("'" + name + "' must be a number"));
    }

    private static MemoryEntry first(List<MemoryEntry> entries) {
        if (entries.isEmpty()) {
            throw new JsonException("the answer names no entry");
        }
        return entries.getFirst();
    }

    /**
     * Writes what a split did.
     *
     * @param namespace whose memory
     * @param s the split
     * @return {@code {"namespace", "outcome": "split", "entries": [the entries split out], "survivor": entry}}
     */
    public static JsonObject split(Namespace namespace, MemoryService.Splitting.Split s) {
        return outcome(namespace, "split", s.restored()).put("survivor", entry(s.survivor())).build();
    }

    /**
     * Reads what a split did.
     *
     * @param json the answer of {@code POST /api/memory/{id}/split}
     * @return the split
     * @throws JsonException when it is not such an answer
     */
    public static MemoryService.Splitting.Split readSplit(JsonObject json) {
        return new MemoryService.Splitting.Split(readEntry(json.optObject("survivor").orElseThrow(() ->
                new JsonException("'survivor' is missing"))), readEntries(json));
    }
}
