package dev.jclaw.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.wire.openai.SseReader;
import java.time.Duration;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * One provider: a client built once and shared by all turns, streaming on the caller's thread. Chat completions go
 * out as the wire model writes them and come back through its event reader; the SDK serves the embeddings.
 *
 * <p>The transport is the JDK's HTTP client ({@link JdkHttpClient}); its watchdog holds the idle timeout from the
 * request to the first byte and between any two chunks, and the whole request's timeout. Interrupting the caller
 * ends the read at once.
 */
final class ProviderClient implements AutoCloseable {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(30);

    /** How long the end of a finished stream may take before the connection is dropped instead of reused. */
    private static final Duration DRAIN = Duration.ofMillis(200);

    private final ModelsConfig.Provider provider;
    private final JdkHttpClient http;
    private final URI chatCompletions;
    private final Map<String, String> headers;
    private final OpenAIClient client;
    private final Requests requests = new Requests();
    private final Errors errors;

    ProviderClient(ModelsConfig.Provider provider) {
        this.provider = provider;
        this.errors = new Errors(provider);
        Duration idle = provider.idleTimeout();
        Duration connect = idle.compareTo(MAX_CONNECT) < 0 ? idle : MAX_CONNECT;
        this.http = new JdkHttpClient(connect, idle, provider.timeout());
        this.chatCompletions = URI.create(provider.baseUrl().replaceAll("/+$", "") + "/chat/completions");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "text/event-stream");
        if (!provider.apiKey().isEmpty()) {
            h.put("Authorization", "Bearer " + provider.apiKey());
        }
        this.headers = Map.copyOf(h);
        this.client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(http)
                .baseUrl(provider.baseUrl())
                // the SDK insists on a key; endpoints without auth ignore it
                .apiKey(provider.apiKey().isEmpty() ? "none" : provider.apiKey())
                .maxRetries(0)
                .timeout(Timeout.builder().connect(connect).read(idle).write(idle).request(provider.timeout()).build())
                .build());
    }

    ModelResponse stream(ModelRequest request, String modelId, int maxOutputTokens, ModelListener listener)
            throws ModelException, InterruptedException {
        // written and read with the one wire model, not the SDK's classes: building its parameters and having
        // Jackson (with Kotlin reflection) serialise them cost a quarter of a turn's CPU (docs/decisions.md)
        byte[] body = requests.build(request, modelId, maxOutputTokens, provider.contextNote())
                .getBytes(StandardCharsets.UTF_8);
        JdkHttpClient.Exchange response;
        try {
            response = http.post(chatCompletions, headers, body);
        } catch (IOException e) {
            throw failure(e, modelId, false);
        } catch (InterruptedException e) {
            throw aborted();
        }
        ChunkAssembly assembly = new ChunkAssembly();
        try (response) {
            if (response.status() / 100 != 2) {
                String text;
                try {
                    text = response.errorText();
                } catch (IOException e) {
                    text = "";
                }
                throw errors.response(response.status(), text, response.headers()::allValues, modelId);
            }
            SseReader events = new SseReader(response.body());
            while (true) {
                SseReader.Event event;
                // only the connection's failures are classified; a listener's exception goes out as it is
                try {
                    event = events.next().orElse(null);
                } catch (IOException e) {
                    throw failure(e, modelId, assembly.started());
                }
                if (event == null) {
                    break;
                }
                if (event.done()) {
                    response.body().drain(DRAIN); // the connection goes back to the pool
                    break;
                }
                listener.chunk();
                JsonObject chunk = parse(event, modelId);
                Optional<JsonObject> error = chunk.get("error").map(e -> e instanceof JsonObject o ? o : chunk);
                if (error.isPresent() || event.type().equals("error")) {
                    throw errors.streamError(error.orElse(chunk), modelId);
                }
                try {
                    assembly.add(chunk, listener);
                } catch (JsonException e) {
                    throw badChunk(modelId, e.getMessage());
                }
                if (Thread.interrupted()) {
                    throw aborted();
                }
            }
        }
        if (Thread.interrupted()) {
            throw aborted();
        }
        if (!assembly.finished()) {
            throw new ModelException(ModelException.Kind.BAD_RESPONSE, "the answer of " + modelId
                    + " was cut off before it finished; try again");
        }
        return assembly.response();
    }

    private JsonObject parse(SseReader.Event event, String modelId) throws ModelException {
        try {
            return Json.parseObject(event.data());
        } catch (JsonException e) {
            throw badChunk(modelId, e.getMessage());
        }
    }

    private ModelException badChunk(String modelId, String why) {
        return new ModelException(ModelException.Kind.BAD_RESPONSE, "the model provider '" + provider.name()
                + "' sent a chunk that is not a valid chat completion for " + modelId + " (" + why + ")");
    }

    /**
     * Embeds texts with one request to {@code /embeddings}.
     *
     * @param modelId the model id to send
     * @param texts the texts
     * @param dimensions the vector length to ask for, or 0 for the model's own
     * @return one vector per text, in order, as the endpoint gave them
     */
    List<float[]> embed(String modelId, List<String> texts, int dimensions) throws ModelException,
            InterruptedException {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(modelId)
                .inputOfArrayOfStrings(texts).encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        if (dimensions > 0) {
            params.dimensions(dimensions);
        }
        CreateEmbeddingResponse response;
        try {
            response = client.embeddings().create(params.build());
        } catch (Exception e) {
            throw failure(e, modelId, false);
        }
        float[][] vectors = new float[texts.size()][];
        for (Embedding e : response.data()) {
            int i = (int) e.index();
            if (i < 0 || i >= vectors.length || vectors[i] != null) {
                throw new ModelException(ModelException.Kind.BAD_RESPONSE, modelId + " answered with an embedding"
                        + " for input " + i + " of " + texts.size());
            }
            List<Float> values = e.embedding();
            float[] v = new float[values.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = values.get(k);
            }
            vectors[i] = v;
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                throw new ModelException(ModelException.Kind.BAD_RESPONSE, modelId + " gave no embedding for input "
                        + i + " of " + texts.size());
            }
        }
        return List.of(vectors);
    }

    private ModelException failure(Exception e, String modelId, boolean midStream) throws InterruptedException {
        if (Thread.interrupted()) {
            throw aborted();
        }
        return errors.classify(e, modelId, midStream);
    }

    private static InterruptedException aborted() {
        return new InterruptedException("the model request was aborted");
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "ProviderClient[" + provider + "]";
    }
}
