package dev.jclaw.api.json;

import java.util.Map;

/** Writes JSON text for {@link Json}. */
final class JsonWriter {
    private JsonWriter() {
    }

    /**
     * Writes a value.
     *
     * @param value the value
     * @param indent spaces per level, or -1 for compact output
     * @return the text
     */
    static String write(JsonValue value, int indent) {
        StringBuilder out = new StringBuilder();
        write(value, out, indent, 0);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out, int indent, int level) {
        switch (value) {
            case JsonNull n -> out.append("null");
            case JsonBoolean b -> out.append(b.value());
            case JsonNumber n -> out.append(n.value().toString());
            case JsonString s -> quote(s.value(), out);
            case JsonArray a -> {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    newline(out, indent, level + 1);
                    write(a.get(i), out, indent, level + 1);
                }
                if (a.size() > 0) {
                    newline(out, indent, level);
                }
                out.append(']');
            }
            case JsonObject o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
                    out.append(first ? "" : ",");
                    first = false;
                    newline(out, indent, level + 1);
                    quote(member.getKey(), out);
                    out.append(indent < 0 ? ":" : ": ");
                    write(member.getValue(), out, indent, level + 1);
                }
                if (!first) {
                    newline(out, indent, level);
                }
                out.append('}');
            }
        }
    }

    private static void newline(StringBuilder out, int indent, int level) {
        if (indent >= 0) {
            out.append('\n').repeat(' ', indent * level);
        }
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // control characters, U+2028/9 which break JavaScript embedding, and unpaired
                    // surrogates, which an encoder to UTF-8 would replace with '?'
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpairedSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
