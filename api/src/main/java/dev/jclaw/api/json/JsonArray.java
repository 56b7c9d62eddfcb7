package dev.jclaw.api.json;

import java.util.List;

/**
 * A JSON array; its list is unmodifiable.
 *
 * @param elements the elements, in order
 * @since 0.1
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
    /** Copies the elements into an unmodifiable list. */
    public JsonArray {
        elements = List.copyOf(elements);
    }

    /**
     * Creates an array of values.
     *
     * @param elements the elements
     * @return the array
     */
    public static JsonArray of(JsonValue... elements) {
        return new JsonArray(List.of(elements));
    }

    /**
     * Creates an array of strings.
     *
     * @param strings the strings
     * @return the array
     */
    public static JsonArray ofStrings(List<String> strings) {
        return new JsonArray(strings.stream().<JsonValue>map(JsonString::new).toList());
    }

    /**
     * Returns the number of elements.
     *
     * @return the size
     */
    public int size() {
        return elements.size();
    }

    /**
     * Returns one element.
     *
     * @param index the index
     * @return the element
     * @throws IndexOutOfBoundsException when the index is out of range
     */
    public JsonValue get(int index) {
        return elements.get(index);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
