package dev.jclaw.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.Timeout;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
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
import java.util.List;
import java.util.Optional;

/**
 * One provider: an SDK client built once and shared by all turns, streaming on the caller's thread.
 *
 * <p>The transport is the JDK's HTTP client ({@link JdkHttpClient}); its watchdog holds the idle timeout from the
 * request to the first byte and between any two chunks, and the whole request's timeout. Interrupting the caller
 * ends the read at once.
 */
final class ProviderClient implements AutoCloseable {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(30);

    private final ModelsConfig.Provider provider;
    private final OpenAIClient client;
    private final Requests requests = new Requests();
    private final Errors errors;

    ProviderClient(ModelsConfig.Provider provider) {
        this.provider = provider;
        this.errors = new Errors(provider);
        Duration idle = provider.idleTimeout();
        Duration connect = idle.compareTo(MAX_CONNECT) < 0 ? idle : MAX_CONNECT;
        this.client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(new JdkHttpClient(connect, idle, provider.timeout()))
                .baseUrl(provider.baseUrl())
                // the SDK insists on a key; endpoints without auth ignore it
                .apiKey(provider.apiKey().isEmpty() ? "none" : provider.apiKey())
                .maxRetries(0)
                .timeout(Timeout.builder().connect(connect).read(idle).write(idle).request(provider.timeout()).build())
                .build());
    }

    ModelResponse stream(ModelRequest request, String modelId, int maxOutputTokens, ModelListener listener)
            throws ModelException, InterruptedException {
        ChatCompletionCreateParams params = requests.build(request, modelId, maxOutputTokens,
                provider.contextNote());
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> response;
        try {
            // the raw body: the SDK's chunk classes cost half the CPU of a turn (Jackson with Kotlin reflection,
            // see docs/decisions.md), so the chunks are read with the plugin API's JSON parser instead
            response = client.withRawResponse().chat().completions().createStreaming(params);
        } catch (Exception e) {
            throw failure(e, modelId, false);
        }
        ChunkAssembly assembly = new ChunkAssembly();
        try (response) {
            SseReader events = new SseReader(response.body());
            while (true) {
                SseReader.Event event;
                // only the connection's failures are classified; a listener's exception goes out as it is
                try {
                    event = events.next().orElse(null);
                } catch (IOException e) {
                    throw failure(e, modelId, assembly.started());
                }
                if (event == null || event.done()) {
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
