package dev.jclaw.core.schema;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One compiled schema; fields set by {@link JsonSchema} while compiling, never after. */
final class SchemaNode {
    static final SchemaNode ANY = new SchemaNode();
    static final SchemaNode NOTHING = new SchemaNode();

    private static final int OBJECT = 1;
    private static final int ARRAY = 2;
    private static final int STRING = 4;
    private static final int NUMBER = 8;
    private static final int INTEGER = 16;
    private static final int BOOLEAN = 32;
    private static final int NULL = 64;
    private static final String[] TYPE_NAMES = {"object", "array", "string", "number", "integer", "boolean", "null"};
    /** How many characters a pattern may look at, over all its backtracking, per unit of input. */
    private static final long PATTERN_WORK_PER_CHAR = 1_000;
    private static final long PATTERN_WORK_MIN = 100_000;

    int types;
    Map<String, SchemaNode> properties = Map.of();
    List<String> required = List.of();
    SchemaNode additional;
    List<JsonValue> enumValues;
    JsonValue constValue;
    SchemaNode items;
    int minItems = -1;
    int maxItems = -1;
    int minLength = -1;
    int maxLength = -1;
    BigDecimal minimum;
    BigDecimal maximum;
    boolean minimumExclusive;
    boolean maximumExclusive;
    BigDecimal exclusiveMinimum;
    BigDecimal exclusiveMaximum;
    Pattern pattern;
    String patternText;
    List<SchemaNode> allOf = List.of();
    List<SchemaNode> anyOf = List.of();
    List<SchemaNode> oneOf = List.of();
    SchemaNode not;

    /** Where in the value: built as the check descends, rendered only when something is wrong. */
    record Loc(Loc parent, String name, int index) {
        @Override
        public String toString() {
            String head = parent == null ? "" : parent.toString();
            if (name == null) {
                return head + "[" + index + "]";
            }
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            if (shown.matches("[A-Za-z_$][A-Za-z0-9_$-]*")) {
                return head.isEmpty() ? shown : head + "." + shown;
            }
            return head + "[" + Json.quote(shown) + "]";
        }
    }

    /** Collects violations up to a cap. */
    static final class Check {
        private final int max;
        private final List<SchemaViolation> found = new ArrayList<>(2);

        Check(int max) {
            this.max = max;
        }

        boolean full() {
            return found.size() >= max;
        }

        void add(Loc at, String message) {
            if (!full()) {
                found.add(new SchemaViolation(at == null ? "" : at.toString(), message));
            }
        }

        List<SchemaViolation> found() {
            return List.copyOf(found);
        }
    }

    static int typeBit(String name) {
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            if (TYPE_NAMES[i].equals(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    void check(JsonValue value, Loc at, Check out) {
        if (this == ANY || out.full()) {
            return;
        }
        if (this == NOTHING) {
            out.add(at, "no value is allowed here");
            return;
        }
        if (types != 0 && !typeMatches(value)) {
            out.add(at, "expected " + typeNames() + ", got " + kind(value));
            return; // the other keywords would only repeat that the kind is wrong
        }
        if (constValue != null && !same(constValue, value)) {
            out.add(at, "must be " + Json.write(constValue));
        }
        if (enumValues != null && enumValues.stream().noneMatch(e -> same(e, value))) {
            out.add(at, "must be one of " + enumValues.stream().limit(12).map(Json::write)
                    .collect(Collectors.joining(", ")) + (enumValues.size() > 12 ? ", …" : "") + ", got "
                    + brief(value));
        }
        switch (value) {
            case JsonObject o -> object(o, at, out);
            case JsonArray a -> array(a, at, out);
            case JsonString s -> string(s.value(), at, out);
            case JsonNumber n -> number(n.value(), at, out);
            case JsonBoolean b -> {
            }
            case JsonNull n -> {
            }
        }
        for (SchemaNode each : allOf) {
            each.check(value, at, out);
        }
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(s -> s.matches(value))) {
            out.add(at, "matches none of the allowed forms (" + firstErrors(anyOf, value) + ")");
        }
        if (!oneOf.isEmpty()) {
            long matching = oneOf.stream().filter(s -> s.matches(value)).count();
            if (matching == 0) {
                out.add(at, "matches none of the allowed forms (" + firstErrors(oneOf, value) + ")");
            } else if (matching > 1) {
                out.add(at, "matches more than one of the allowed forms; it must match exactly one");
            }
        }
        if (not != null && not.matches(value)) {
            out.add(at, "matches a form that is not allowed here");
        }
    }

    private boolean matches(JsonValue value) {
        Check check = new Check(1);
        check(value, null, check);
        return check.found.isEmpty();
    }

    private static String firstErrors(List<SchemaNode> forms, JsonValue value) {
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < forms.size() && i < 3; i++) {
            Check check = new Check(1);
            forms.get(i).check(value, null, check);
            check.found.forEach(v -> errors.add(v.toString()));
        }
        return String.join("; or ", errors) + (forms.size() > 3 ? "; or …" : "");
    }

    private void object(JsonObject o, Loc at, Check out) {
        Map<String, JsonValue> members = o.members();
        for (String name : required) {
            if (!members.containsKey(name)) {
                out.add(at, "required property " + Json.quote(name) + " is missing");
            }
        }
        for (Map.Entry<String, JsonValue> m : members.entrySet()) {
            if (out.full()) {
                return;
            }
            SchemaNode declared = properties.get(m.getKey());
            if (declared != null) {
                declared.check(m.getValue(), new Loc(at, m.getKey(), 0), out);
            } else if (additional == NOTHING) {
                String allowed = properties.isEmpty() ? "none are" : String.join(", ", properties.keySet()) + " are";
                out.add(new Loc(at, m.getKey(), 0), "unexpected property; only " + allowed + " allowed");
            } else if (additional != null) {
                additional.check(m.getValue(), new Loc(at, m.getKey(), 0), out);
            }
        }
    }

    private void array(JsonArray a, Loc at, Check out) {
        int size = a.size();
        if (minItems >= 0 && size < minItems) {
            out.add(at, "has " + size + " item" + (size == 1 ? "" : "s") + ", at least " + minItems + " needed");
        }
        if (maxItems >= 0 && size > maxItems) {
            out.add(at, "has " + size + " items, at most " + maxItems + " allowed");
        }
        if (items != null) {
            List<JsonValue> elements = a.elements();
            for (int i = 0; i < size && !out.full(); i++) {
                items.check(elements.get(i), new Loc(at, null, i), out);
            }
        }
    }

    private void string(String s, Loc at, Check out) {
        if (minLength >= 0 || maxLength >= 0) {
            int length = s.codePointCount(0, s.length());
            if (minLength >= 0 && length < minLength) {
                out.add(at, "is " + length + " characters long, at least " + minLength + " needed");
            }
            if (maxLength >= 0 && length > maxLength) {
                out.add(at, "is " + length + " characters long, at most " + maxLength + " allowed");
            }
        }
        if (pattern != null) {
            long budget = Math.max(PATTERN_WORK_MIN, PATTERN_WORK_PER_CHAR * s.length());
            try {
                if (!pattern.matcher(new BoundedChars(s, budget)).find()) {
                    out.add(at, "does not match the pattern " + patternText);
                }
            } catch (BoundedChars.TooMuchWork e) {
                out.add(at, "could not be checked against the pattern " + patternText + " in reasonable time;"
                        + " send a shorter or simpler value");
            }
        }
    }

    private void number(BigDecimal n, Loc at, Check out) {
        if (minimum != null && (minimumExclusive ? n.compareTo(minimum) <= 0 : n.compareTo(minimum) < 0)) {
            out.add(at, "must be " + (minimumExclusive ? "greater than " : "at least ") + minimum.toPlainString()
                    + ", got " + brief(n));
        }
        if (maximum != null && (maximumExclusive ? n.compareTo(maximum) >= 0 : n.compareTo(maximum) > 0)) {
            out.add(at, "must be " + (maximumExclusive ? "less than " : "at most ") + maximum.toPlainString()
                    + ", got " + brief(n));
        }
        if (exclusiveMinimum != null && n.compareTo(exclusiveMinimum) <= 0) {
            out.add(at, "must be greater than " + exclusiveMinimum.toPlainString() + ", got " + brief(n));
        }
        if (exclusiveMaximum != null && n.compareTo(exclusiveMaximum) >= 0) {
            out.add(at, "must be less than " + exclusiveMaximum.toPlainString() + ", got " + brief(n));
        }
    }

    private boolean typeMatches(JsonValue value) {
        return switch (value) {
            case JsonObject o -> (types & OBJECT) != 0;
            case JsonArray a -> (types & ARRAY) != 0;
            case JsonString s -> (types & STRING) != 0;
            case JsonNumber n -> (types & NUMBER) != 0 || (types & INTEGER) != 0 && integral(n.value());
            case JsonBoolean b -> (types & BOOLEAN) != 0;
            case JsonNull n -> (types & NULL) != 0;
        };
    }

    private String typeNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            if ((types & (1 << i)) != 0) {
                names.add(TYPE_NAMES[i]);
            }
        }
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** Names a value's kind for a message, e.g. {@code number}, {@code integer}, {@code string}. */
    static String kind(JsonValue value) {
        return switch (value) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonNumber n -> integral(n.value()) ? "integer" : "number";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        };
    }

    private static boolean integral(BigDecimal n) {
        return n.signum() == 0 || n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0;
    }

    private static String brief(BigDecimal n) {
        return brief(new JsonNumber(n));
    }

    private static String brief(JsonValue value) {
        String text = switch (value) {
            case JsonObject o -> "an object";
            case JsonArray a -> "an array";
            default -> Json.write(value);
        };
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** JSON equality: numbers by value ({@code 1} equals {@code 1.0}), objects regardless of member order. */
    static boolean same(JsonValue a, JsonValue b) {
        return switch (a) {
            case JsonNumber x -> b instanceof JsonNumber y && x.value().compareTo(y.value()) == 0;
            case JsonArray x -> {
                if (!(b instanceof JsonArray y) || x.size() != y.size()) {
                    yield false;
                }
                for (int i = 0; i < x.size(); i++) {
                    if (!same(x.get(i), y.get(i))) {
                        yield false;
                    }
                }
                yield true;
            }
            case JsonObject x -> {
                if (!(b instanceof JsonObject y) || x.size() != y.size()) {
                    yield false;
                }
                for (Map.Entry<String, JsonValue> m : x.members().entrySet()) {
                    JsonValue other = y.members().get(m.getKey());
                    if (other == null || !same(m.getValue(), other)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> a.equals(b);
        };
    }
}
