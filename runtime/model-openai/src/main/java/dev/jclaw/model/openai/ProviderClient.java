package dev.jclaw.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.jclaw.core.config.ModelsConfig;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import java.time.Duration;
import java.util.Iterator;

/**
 * One provider: an SDK client built once and shared by all turns, streaming on the caller's thread.
 *
 * <p>The idle timeout is the HTTP client's read timeout, so it holds from the request to the first byte and
 * between any two chunks without a thread of its own. Interrupting a virtual caller closes its socket (the JDK
 * does that for virtual threads), which ends the read at once.
 */
final class ProviderClient implements AutoCloseable {
    /** Enough idle keep-alive connections for hundreds of concurrent turns, instead of OkHttp's five. */
    private static final int MAX_IDLE_CONNECTIONS = 256;
    private static final Duration MAX_CONNECT = Duration.ofSeconds(30);

    private final ModelsConfig.Provider provider;
    private final OpenAIClient client;
    private final Requests requests = new Requests();
    private final Errors errors;

    ProviderClient(ModelsConfig.Provider provider) {
        this.provider = provider;
        this.errors = new Errors(provider);
        Duration idle = provider.idleTimeout();
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(provider.baseUrl())
                // the SDK insists on a key; endpoints without auth ignore it
                .apiKey(provider.apiKey().isEmpty() ? "none" : provider.apiKey())
                .maxRetries(0)
                .timeout(Timeout.builder()
                        .connect(idle.compareTo(MAX_CONNECT) < 0 ? idle : MAX_CONNECT)
                        .read(idle)
                        .write(idle)
                        .request(provider.timeout())
                        .build())
                .maxIdleConnections(MAX_IDLE_CONNECTIONS)
                .keepAliveDuration(Duration.ofMinutes(5))
                .build();
    }

    ModelResponse stream(ModelRequest request, String modelId, int maxOutputTokens, ModelListener listener)
            throws ModelException, InterruptedException {
        ChatCompletionCreateParams params = requests.build(request, modelId, maxOutputTokens);
        StreamResponse<ChatCompletionChunk> response;
        try {
            response = client.chat().completions().createStreaming(params);
        } catch (Exception e) {
            throw failure(e, modelId, false);
        }
        ChunkAssembly assembly = new ChunkAssembly();
        try (response) {
            Iterator<ChatCompletionChunk> chunks = response.stream().iterator();
            while (true) {
                ChatCompletionChunk chunk;
                // only the SDK's own calls are classified; a listener's exception goes out as it is
                try {
                    if (!chunks.hasNext()) {
                        break;
                    }
                    chunk = chunks.next();
                } catch (Exception e) {
                    throw failure(e, modelId, assembly.started());
                }
                listener.chunk();
                assembly.add(chunk, listener);
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
