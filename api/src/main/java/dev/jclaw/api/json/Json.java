package dev.jclaw.api.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and writes JSON (RFC 8259), strictly: no comments, no trailing commas, no duplicate member names.
 *
 * <pre>{@code
 * JsonObject args = Json.parseObject("{\"path\": \"notes.md\"}");
 * String text = Json.write(args);
 * }</pre>
 *
 * @since 0.1
 */
public final class Json {
    /** Nesting deeper than this is refused, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value; only whitespace may follow it.
     *
     * @param text the JSON text
     * @return the value
     * @throws JsonException when the text is not valid JSON, naming line and column
     */
    public static JsonValue parse(String text) {
        Json parser = new Json(text);
        parser.skipWhitespace();
        JsonValue value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected text after the JSON value");
        }
        return value;
    }

    /**
     * Parses JSON text that must be an object.
     *
     * @param text the JSON text
     * @return the object
     * @throws JsonException when the text is not valid JSON or not an object
     */
    public static JsonObject parseObject(String text) {
        JsonValue value = parse(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonException("expected a JSON object, got " + value.typeName(), 0);
    }

    /**
     * Writes compact JSON text.
     *
     * @param value the value
     * @return the text
     */
    public static String write(JsonValue value) {
        return JsonWriter.write(value, -1);
    }

    /**
     * Writes JSON text indented by two spaces.
     *
     * @param value the value
     * @return the text
     */
    public static String writePretty(JsonValue value) {
        return JsonWriter.write(value, 2);
    }

    /**
     * Quotes a string as a JSON string literal.
     *
     * @param s the string
     * @return the literal, with quotes
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        JsonWriter.quote(s, out);
        return out.toString();
    }

    private JsonValue value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input, expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new JsonString(string());
            case 't' -> literal("true", JsonBoolean.TRUE);
            case 'f' -> literal("false", JsonBoolean.FALSE);
            case 'n' -> literal("null", JsonNull.INSTANCE);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + printable(c) + "', expected a value");
            }
        };
    }

    private JsonObject object() {
        enter();
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int nameStart = pos;
            String name = string();
            if (members.containsKey(name)) {
                pos = nameStart;
                throw error("duplicate member name " + quote(name));
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(name, value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return new JsonObject(members);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object");
            }
        }
    }

    private JsonArray array() {
        enter();
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return new JsonArray(elements);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder out = null;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = out == null ? text.substring(start, pos) : out.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character in string; escape it");
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos);
                pos++;
                out.append(escape());
                start = pos;
            } else {
                pos++;
            }
        }
        throw error("unterminated string");
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("incomplete \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = hexDigit(text.charAt(pos++));
                    if (digit < 0) {
                        pos--;
                        throw error("invalid hex digit in \\u escape");
                    }
                    code = code * 16 + digit;
                }
                yield (char) code;
            }
            default -> {
                pos--;
                throw error("invalid escape '\\" + printable(c) + "'");
            }
        };
    }

    private JsonNumber number() {
        int start = pos;
        if (at('-')) {
            pos++;
        }
        if (at('0')) {
            pos++;
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                throw error("invalid number: leading zeros are not allowed");
            }
        } else if (!digits()) {
            throw error("invalid number");
        }
        if (at('.')) {
            pos++;
            if (!digits()) {
                throw error("invalid number: digits expected after '.'");
            }
        }
        if (at('e') || at('E')) {
            pos++;
            if (at('+') || at('-')) {
                pos++;
            }
            if (!digits()) {
                throw error("invalid number: digits expected in exponent");
            }
        }
        if (pos - start > 1000) {
            pos = start;
            throw error("number too long");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) { // an exponent beyond the int range
            pos = start;
            throw error("number exponent out of range");
        }
        if (Math.abs((long) value.scale()) > 10_000) {
            pos = start;
            throw error("number exponent out of range");
        }
        return new JsonNumber(value);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            throw error("invalid literal, expected '" + word + "'");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** Like {@link #peek()} == c, but false at the end of input: a number may end the text. */
    private boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private JsonException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new JsonException("invalid JSON at line " + line + ", column " + column + ": " + what, pos);
    }

    /** Only ASCII hex digits; {@link Character#digit} would also take other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
