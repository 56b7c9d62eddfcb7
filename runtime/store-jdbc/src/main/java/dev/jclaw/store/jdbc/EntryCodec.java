package dev.jclaw.store.jdbc;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import java.util.List;

/**
 * Entry bodies as a kind and a JSON text. JSON escapes NUL, the other control characters and half surrogate pairs,
 * which PostgreSQL text cannot hold and UTF-8 cannot encode, so every text comes back exactly as written.
 */
final class EntryCodec {
    private EntryCodec() {
    }

    static String kind(Entry.Body body) {
        return switch (body) {
            case Entry.User u -> "user";
            case Entry.Assistant a -> "assistant";
            case Entry.ToolOutput t -> "tool";
            case Entry.CompactionSummary c -> "compaction";
            case Entry.Note n -> "note";
            case Entry.TurnUsage u -> "usage";
        };
    }

    static String encode(Entry.Body body) {
        JsonObject json = switch (body) {
            // the images go to their own table (ImageRows); the body says how many there are
            case Entry.User u -> u.images().isEmpty() ? JsonObject.builder().put("text", u.text()).build()
                    : JsonObject.builder().put("text", u.text()).put("images", u.images().size()).build();
            case Entry.Assistant a -> JsonObject.builder().put("text", a.text()).put("reasoning", a.reasoning())
                    .put("partial", a.partial())
                    .put("tool_calls", new JsonArray(a.toolCalls().stream().<JsonValue>map(c -> JsonObject.builder()
                            .put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()).build())
                            .toList()))
                    .build();
            case Entry.ToolOutput t -> JsonObject.builder().put("call_id", t.callId()).put("tool", t.tool())
                    .put("content", t.content()).put("error", t.error()).build();
            case Entry.CompactionSummary c -> JsonObject.builder().put("summary", c.summary())
                    .put("first_kept", c.firstKept().value()).build();
            case Entry.Note n -> JsonObject.builder().put("text", n.text()).build();
            case Entry.TurnUsage u -> JsonObject.builder().put("input", u.usage().inputTokens())
                    .put("output", u.usage().outputTokens()).put("cached", u.usage().cachedTokens())
                    .put("reasoning", u.usage().reasoningTokens()).put("steps", u.steps()).put("model", u.model())
                    .build();
        };
        return Json.write(json);
    }

    /**
     * Tells how many images a body has in {@code entry_images}.
     *
     * @param kind the entry's kind
     * @param json the body as read
     * @return the count, 0 for every kind but a user's message
     */
    static int images(String kind, JsonObject json) {
        return kind.equals("user") ? Math.toIntExact(json.optLong("images").orElse(0L)) : 0;
    }

    /**
     * Reads a body back. A kind this version does not know (written by a newer JClaw) becomes a note, so that the
     * branch through it stays whole and the model does not see it.
     *
     * @param kind the entry's kind
     * @param json the body as read
     * @param images the entry's images from {@code entry_images}, as many as {@link #images} says
     */
    static Entry.Body decode(String kind, JsonObject json, List<ImageInput> images) {
        return switch (kind) {
            case "user" -> new Entry.User(json.string("text"), images);
            case "assistant" -> new Entry.Assistant(json.string("text"), json.string("reasoning"),
                    json.optArray("tool_calls").orElse(JsonArray.of()).elements().stream().map(v -> {
                        JsonObject c = (JsonObject) v;
                        return new ToolCall(c.string("id"), c.string("name"), c.string("arguments"));
                    }).toList(), json.optBoolean("partial").orElse(false));
            case "tool" -> new Entry.ToolOutput(json.string("call_id"), json.string("tool"), json.string("content"),
                    json.optBoolean("error").orElse(false));
            case "compaction" -> new Entry.CompactionSummary(json.string("summary"),
                    new EntryId(json.string("first_kept")));
            case "note" -> new Entry.Note(json.string("text"));
            case "usage" -> new Entry.TurnUsage(new Usage(tokens(json, "input"), tokens(json, "output"),
                    tokens(json, "cached"), tokens(json, "reasoning")), Math.toIntExact(tokens(json, "steps")),
                    json.string("model"));
            default -> new Entry.Note("[an entry of kind '" + kind + "', written by a newer JClaw]");
        };
    }

    private static long tokens(JsonObject json, String name) {
        return json.optLong(name).orElseThrow(() -> new JsonException("a usage entry needs the count '" + name
                + "'"));
    }
}
