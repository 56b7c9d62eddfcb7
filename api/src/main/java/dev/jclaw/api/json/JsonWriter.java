package dev.jclaw.api.json;

import java.util.Map;

/** Writes JSON text for {@link Json}. */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        int plain = 0; // start of the run of characters that go out as they are, appended at once
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isSurrogate(c) && !unpairedSurrogate(s, i)) {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                // control characters, U+2028/9 which break JavaScript embedding, and unpaired surrogates, which an
                // encoder to UTF-8 would replace with '?'
                default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, plain, s.length()).append('"');
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
