package dev.jclaw.wire.openai;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.Optional;

/** Typed reads of request members that name the field path in every complaint. */
final class Fields {
    private static final int SHOWN = 40;

    private Fields() {
    }

    static String path(String parent, String member) {
        return parent.isEmpty() ? member : parent + "." + member;
    }

    /** @return the member, empty when absent or JSON null */
    static Optional<JsonValue> opt(JsonObject object, String member) {
        return object.get(member).filter(v -> !(v instanceof JsonNull));
    }

    static JsonValue required(JsonObject object, String parent, String member) throws InvalidRequestException {
        return opt(object, member).orElseThrow(() -> InvalidRequestException.at(path(parent, member), "is required"));
    }

    static String string(JsonValue value, String path) throws InvalidRequestException {
        if (value instanceof JsonString s) {
            int bad = Utf8.loneSurrogate(s.value());
            if (bad >= 0) {
                throw InvalidRequestException.at(path, "contains a lone surrogate (\\u"
                        + Integer.toHexString(s.value().charAt(bad)) + ") at character " + bad
                        + ", which is not Unicode text");
            }
            return s.value();
        }
        throw expected(path, "a string", value);
    }

    static Optional<String> optString(JsonObject object, String parent, String member)
            throws InvalidRequestException {
        Optional<JsonValue> v = opt(object, member);
        return v.isEmpty() ? Optional.empty() : Optional.of(string(v.get(), path(parent, member)));
    }

    static String requiredNonEmpty(JsonObject object, String parent, String member) throws InvalidRequestException {
        String s = string(required(object, parent, member), path(parent, member));
        if (s.isBlank()) {
            throw InvalidRequestException.at(path(parent, member), "must not be empty");
        }
        return s;
    }

    static JsonObject object(JsonValue value, String path) throws InvalidRequestException {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw expected(path, "an object", value);
    }

    static JsonArray array(JsonValue value, String path) throws InvalidRequestException {
        if (value instanceof JsonArray a) {
            return a;
        }
        throw expected(path, "an array", value);
    }

    static Optional<Boolean> optBoolean(JsonObject object, String parent, String member)
            throws InvalidRequestException {
        Optional<JsonValue> v = opt(object, member);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof JsonBoolean b) {
            return Optional.of(b.value());
        }
        throw expected(path(parent, member), "a boolean", v.get());
    }

    static Optional<Double> optNumber(JsonObject object, String member, double min, double max)
            throws InvalidRequestException {
        Optional<JsonValue> v = opt(object, member);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!(v.get() instanceof JsonNumber n)) {
            throw expected(member, "a number", v.get());
        }
        double d = n.value().doubleValue();
        if (!(d >= min && d <= max)) {
            throw InvalidRequestException.at(member, "expected a number from " + plain(min) + " to " + plain(max)
                    + ", got " + n.value().toPlainString());
        }
        return Optional.of(d);
    }

    static Optional<Long> optPositiveInteger(JsonObject object, String member) throws InvalidRequestException {
        Optional<JsonValue> v = opt(object, member);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!(v.get() instanceof JsonNumber n) || !n.isLong() || n.value().longValueExact() < 1) {
            throw expected(member, "a positive integer", v.get());
        }
        return Optional.of(n.value().longValueExact());
    }

    static InvalidRequestException expected(String path, String what, JsonValue got) {
        return InvalidRequestException.at(path, "expected " + what + ", got " + shown(got));
    }

    /** A value for a message: strings quoted and cut, other values by their type. */
    static String shown(JsonValue value) {
        return switch (value) {
            case JsonString s -> new JsonString(cut(s.value())).toJson();
            case JsonNumber n -> cut(n.value().toPlainString());
            case JsonBoolean b -> Boolean.toString(b.value());
            default -> value.typeName();
        };
    }

    private static String cut(String s) {
        return s.codePointCount(0, s.length()) <= SHOWN ? s : s.substring(0, s.offsetByCodePoints(0, SHOWN)) + "…";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
