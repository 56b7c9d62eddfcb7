package dev.jclaw.model.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.completions.CompletionUsage;
import dev.jclaw.core.config.ModelsConfig;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model port over openai-java, routing each model name to its provider. One SDK client per provider, built
 * once; the SDK's own retries are off (retrying is the loop's decision). Interrupting the calling thread aborts the
 * request: the socket read fails and the stream is closed.
 */
public final class OpenAiModel implements ModelPort {
    private final ModelsConfig config;
    private final Map<String, OpenAIClient> clients = new LinkedHashMap<>();
    private final Requests requests = new Requests();

    /**
     * Creates the port.
     *
     * @param config the providers; may configure none, then every request says how to configure one
     */
    public OpenAiModel(ModelsConfig config) {
        this.config = config;
        config.providers().forEach((name, provider) -> clients.put(name, OpenAIOkHttpClient.builder()
                .baseUrl(provider.baseUrl())
                .apiKey(provider.apiKey().isEmpty() ? "none" : provider.apiKey())
                .maxRetries(0)
                .timeout(provider.timeout())
                .build()));
    }

    @Override
    public ModelResponse stream(ModelRequest request, ModelListener listener)
            throws ModelException, InterruptedException {
        if (!config.configured()) {
            throw new ModelException(ModelException.Kind.NOT_CONFIGURED, "no model is configured: set OPENAI_API_KEY"
                    + " (and OPENAI_BASE_URL for another endpoint) and JCLAW_MODEL, or models.providers in jclaw.json");
        }
        String name = request.model().isEmpty() ? config.defaultModel() : request.model();
        if (name.isEmpty()) {
            throw new ModelException(ModelException.Kind.NOT_CONFIGURED,
                    "no model named: set models.default in jclaw.json or JCLAW_MODEL");
        }
        ModelsConfig.Route route = config.route(name).orElseThrow(() -> new ModelException(
                ModelException.Kind.NOT_CONFIGURED, "no provider serves the model '" + name + "'; use provider/model"
                + " or list it under models.providers.<provider>.models"));
        String provider = route.provider().name();
        ModelsConfig.Model spec = route.provider().models().get(route.modelId());
        var params = requests.build(request, route.modelId(), spec == null ? 0 : spec.maxOutputTokens());
        Assembly assembly = new Assembly();
        try (StreamResponse<ChatCompletionChunk> stream = clients.get(provider).chat().completions()
                .createStreaming(params)) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (chunks.hasNext()) {
                ChatCompletionChunk chunk = chunks.next();
                listener.chunk();
                assembly.add(chunk, listener);
                if (Thread.interrupted()) {
                    throw new InterruptedException("the turn was aborted");
                }
            }
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the turn was aborted");
            }
            throw Errors.classify(e, provider, route.modelId());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("the turn was aborted");
        }
        if (assembly.finishReason.isEmpty()) {
            throw new ModelException(ModelException.Kind.BAD_RESPONSE, "the answer of " + route.modelId()
                    + " was cut off before it finished; try again");
        }
        return assembly.response();
    }

    /** Collects a stream's chunks into one response. */
    private static final class Assembly {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final Map<Long, String[]> calls = new TreeMap<>();
        private final Map<Long, StringBuilder> arguments = new TreeMap<>();
        private Usage usage = Usage.NONE;
        private String finishReason = "";

        void add(ChatCompletionChunk chunk, ModelListener listener) {
            chunk.usage().ifPresent(u -> usage = usage(u));
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                ChatCompletionChunk.Choice.Delta delta = choice.delta();
                reasoningOf(delta).ifPresent(r -> {
                    reasoning.append(r);
                    listener.reasoning(r);
                });
                delta.content().filter(c -> !c.isEmpty()).ifPresent(c -> {
                    text.append(c);
                    listener.text(c);
                });
                delta.toolCalls().ifPresent(list -> list.forEach(call -> {
                    String[] idAndName = calls.computeIfAbsent(call.index(), i -> new String[] {"", ""});
                    call.id().filter(id -> !id.isEmpty()).ifPresent(id -> idAndName[0] = id);
                    call.function().ifPresent(f -> {
                        f.name().filter(n -> !n.isEmpty()).ifPresent(n -> idAndName[1] = n);
                        f.arguments().ifPresent(a -> arguments.computeIfAbsent(call.index(),
                                i -> new StringBuilder()).append(a));
                    });
                }));
                choice.finishReason().ifPresent(r -> finishReason = r.toString());
            }
        }

        ModelResponse response() {
            List<ToolCall> toolCalls = new ArrayList<>();
            calls.forEach((index, idAndName) -> toolCalls.add(new ToolCall(
                    idAndName[0].isEmpty() ? "call_" + index : idAndName[0], idAndName[1],
                    arguments.getOrDefault(index, new StringBuilder()).toString())));
            return new ModelResponse(text.toString(), reasoning.toString(), toolCalls, usage, finishReason);
        }

        private static java.util.Optional<String> reasoningOf(ChatCompletionChunk.Choice.Delta delta) {
            Map<String, JsonValue> extra = delta._additionalProperties();
            JsonValue value = extra.getOrDefault("reasoning_content", extra.get("reasoning"));
            if (value == null) {
                return java.util.Optional.empty();
            }
            try {
                String text = value.convert(String.class);
                return text == null || text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(text);
            } catch (RuntimeException notText) {
                return java.util.Optional.empty();
            }
        }

        private static Usage usage(CompletionUsage u) {
            long cached = u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L);
            long reasoning = u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
            return new Usage(u.promptTokens(), u.completionTokens(), cached, reasoning);
        }
    }
}
