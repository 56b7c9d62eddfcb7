package dev.jclaw.testkit.model;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake model server's {@code POST /v1/embeddings}: deterministic vectors, so that tests of an embeddings client
 * and of vector search can run on a real socket with no model. A text's vector is its words hashed into
 * {@code dimensions} buckets (64 unless the request asks otherwise), normalised to unit length: texts sharing words
 * are close, others are not. {@link #failNext(int)} scripts an HTTP error.
 */
public final class FakeEmbeddings {
    /** The vector length when the request names none. */
    public static final int DEFAULT_DIMENSIONS = 64;
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus;
    private final AtomicInteger served = new AtomicInteger();

    FakeEmbeddings() {
    }

    /**
     * Makes the next {@code n} embeddings requests fail.
     *
     * @param status the HTTP status to answer with, e.g. 500 or 429
     * @param n how many requests
     * @return this
     */
    public FakeEmbeddings failNext(int status, int n) {
        failStatus = status;
        failures.set(n);
        return this;
    }

    /**
     * Makes the next embeddings request fail.
     *
     * @param status the HTTP status
     * @return this
     */
    public FakeEmbeddings failNext(int status) {
        return failNext(status, 1);
    }

    /** @return how many embeddings requests were answered with vectors */
    public int served() {
        return served.get();
    }

    /**
     * The vector this fake gives a text.
     *
     * @param text the text
     * @param dimensions the vector length
     * @return the unit-length vector (all zero for a text without words)
     */
    public static float[] vector(String text, int dimensions) {
        float[] v = new float[dimensions];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), dimensions)] += 1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    /** @return the status and body to answer a request body with */
    Answer answer(String requestBody) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(failStatus, error("scripted failure " + failStatus, "server_error"));
        }
        JsonObject body;
        try {
            body = Json.parseObject(requestBody);
        } catch (JsonException e) {
            return new Answer(400, error("request body is not a JSON object: " + e.getMessage(), "invalid_request"));
        }
        String model = body.optString("model").orElse("");
        if (model.isEmpty()) {
            return new Answer(400, error("model is required", "invalid_request_error"));
        }
        List<String> inputs = new ArrayList<>();
        JsonValue input = body.get("input").orElse(null);
        if (input instanceof JsonString s) {
            inputs.add(s.value());
        } else if (input instanceof JsonArray a && !a.elements().isEmpty()
                && a.elements().stream().allMatch(JsonString.class::isInstance)) {
            a.elements().forEach(e -> inputs.add(((JsonString) e).value()));
        } else {
            return new Answer(400, error("input must be a string or a non-empty array of strings",
                    "invalid_request_error"));
        }
        int dimensions = body.optLong("dimensions").filter(n -> n > 0 && n <= 4_096).map(Long::intValue)
                .orElse(DEFAULT_DIMENSIONS);
        List<JsonValue> data = new ArrayList<>();
        long tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            List<JsonValue> numbers = new ArrayList<>();
            for (float x : vector(inputs.get(i), dimensions)) {
                numbers.add(new JsonNumber(new java.math.BigDecimal(Float.toString(x))));
            }
            tokens += inputs.get(i).split("\\s+").length;
            data.add(JsonObject.builder().put("object", "embedding").put("index", i)
                    .put("embedding", new JsonArray(numbers)).build());
        }
        served.incrementAndGet();
        return new Answer(200, Json.write(JsonObject.builder().put("object", "list").put("data", new JsonArray(data))
                .put("model", model).put("usage", JsonObject.builder().put("prompt_tokens", tokens)
                        .put("total_tokens", tokens).build()).build()));
    }

    record Answer(int status, String body) {
    }

    private static String error(String message, String type) {
        return Json.write(JsonObject.builder().put("error", JsonObject.builder().put("message", message)
                .put("type", type).build()).build());
    }
}
