package dev.jclaw.store.jdbc;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;

/** Entry bodies as a kind and a JSON text, which both H2 and PostgreSQL store as plain text. */
final class EntryCodec {
    private EntryCodec() {
    }

    static String kind(Entry.Body body) {
        return switch (body) {
            case Entry.User u -> "user";
            case Entry.Assistant a -> "assistant";
            case Entry.ToolOutput t -> "tool";
        };
    }

    static String encode(Entry.Body body) {
        JsonObject json = switch (body) {
            case Entry.User u -> JsonObject.builder().put("text", u.text()).build();
            case Entry.Assistant a -> JsonObject.builder().put("text", a.text()).put("reasoning", a.reasoning())
                    .put("partial", a.partial())
                    .put("tool_calls", new JsonArray(a.toolCalls().stream().<JsonValue>map(c -> JsonObject.builder()
                            .put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()).build())
                            .toList()))
                    .build();
            case Entry.ToolOutput t -> JsonObject.builder().put("call_id", t.callId()).put("tool", t.tool())
                    .put("content", t.content()).put("error", t.error()).build();
        };
        return Json.write(json);
    }

    static Entry.Body decode(String kind, String text) {
        JsonObject json = Json.parseObject(text);
        return switch (kind) {
            case "user" -> new Entry.User(json.string("text"));
            case "assistant" -> new Entry.Assistant(json.string("text"), json.string("reasoning"),
                    json.optArray("tool_calls").orElse(JsonArray.of()).elements().stream().map(v -> {
                        JsonObject c = (JsonObject) v;
                        return new ToolCall(c.string("id"), c.string("name"), c.string("arguments"));
                    }).toList(), json.optBoolean("partial").orElse(false));
            case "tool" -> new Entry.ToolOutput(json.string("call_id"), json.string("tool"), json.string("content"),
                    json.optBoolean("error").orElse(false));
            default -> throw new IllegalStateException("unknown entry kind '" + kind + "' in the session database");
        };
    }
}
