package dev.jclaw.model.openai;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.TokenCounter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The model port over openai-java for every OpenAI-compatible endpoint, routing each model name to its provider
 * ({@link ModelsConfig#route}). Always present: with no provider configured, every request fails with
 * {@link ModelException.Kind#NOT_CONFIGURED} and says how to configure one, so the server starts regardless.
 *
 * <p>One SDK client per provider, built here and reused by every turn. The SDK's own retries are off: retrying is
 * the loop's decision. Streaming happens on the caller's thread; interrupting it aborts the request at once (the
 * stream is closed and {@link InterruptedException} thrown), and a provider that sends nothing for its
 * {@code idle-timeout-seconds} fails with {@link ModelException.Kind#TIMEOUT}. A stream cut off after part of the
 * answer, or ended without a finish reason, is {@link ModelException.Kind#BAD_RESPONSE}; cut off before any of it,
 * {@link ModelException.Kind#NETWORK}, which the loop may retry.
 *
 * <pre>{@code
 * try (OpenAiModel model = new OpenAiModel(config.models())) {
 *     ModelResponse answer = model.stream(new ModelRequest("", "Be brief.",
 *             List.of(new ChatMessage.User("hi")), List.of(), 0, sessionId), ModelListener.NONE);
 * }
 * }</pre>
 */
public final class OpenAiModel implements ModelPort, AutoCloseable {
    private final ModelsConfig config;
    private final Map<String, ProviderClient> clients = new LinkedHashMap<>();

    /**
     * Creates the port and one client per provider.
     *
     * @param config the providers; may configure none, then every request says how to configure one
     */
    public OpenAiModel(ModelsConfig config) {
        this.config = config;
        config.providers().forEach((name, provider) -> clients.put(name, new ProviderClient(provider)));
    }

    /**
     * Streams a request to the provider its model name routes to; an empty name means the default model.
     *
     * @throws ModelException {@link ModelException.Kind#NOT_CONFIGURED} when no provider is configured, no model is
     *                        named, or the name routes to no provider; otherwise as classified
     */
    @Override
    public ModelResponse stream(ModelRequest request, ModelListener listener)
            throws ModelException, InterruptedException {
        String name = request.model().isEmpty() ? config.defaultModel() : request.model();
        if (!config.configured()) {
            throw new ModelException(ModelException.Kind.NOT_CONFIGURED,
                    "no model is configured: " + ModelsConfig.HOW_TO_CONFIGURE);
        }
        if (name.isEmpty()) {
            throw new ModelException(ModelException.Kind.NOT_CONFIGURED,
                    "no model is named: set models.default in jclaw.json, or JCLAW_MODEL");
        }
        ModelsConfig.Route route = config.route(name).orElseThrow(() -> new ModelException(
                ModelException.Kind.NOT_CONFIGURED, "no provider serves the model '" + name + "': write provider/"
                + name + " with one of " + String.join(", ", config.providers().keySet())
                + ", or list it under models.providers.<provider>.models"));
        ProviderClient client = clients.get(route.provider().name());
        int maxOutputTokens = route.model().map(ModelsConfig.Model::maxOutputTokens).orElse(0);
        if (Thread.currentThread().isVirtual()) {
            return client.stream(request, route.modelId(), maxOutputTokens, listener);
        }
        return PlatformThreadCall.run(forward -> client.stream(request, route.modelId(), maxOutputTokens, forward),
                listener);
    }

    /**
     * Counts with the model's {@code tokenizer} setting when it has one, else with the OpenAI encoding its id implies
     * ({@code gpt-4o}, {@code gpt-4.1}, {@code gpt-5}, {@code o1}, {@code o3}, {@code o4}: {@code o200k_base};
     * {@code gpt-4}, {@code gpt-3.5}: {@code cl100k_base}), else with the estimate. A name that routes nowhere is
     * judged by the name alone.
     */
    @Override
    public TokenCounter tokenCounter(String model) {
        String name = model.isEmpty() ? config.defaultModel() : model;
        Optional<ModelsConfig.Route> route = config.route(name);
        ModelsConfig.Tokenizer configured = route.flatMap(ModelsConfig.Route::model)
                .map(ModelsConfig.Model::tokenizer).orElse(ModelsConfig.Tokenizer.BY_MODEL_ID);
        return BpeTokens.forModel(route.map(ModelsConfig.Route::modelId).orElse(name), configured);
    }

    /** Closes the providers' clients: their connection pools and threads. */
    @Override
    public void close() {
        clients.values().forEach(ProviderClient::close);
    }

    @Override
    public String toString() {
        return "OpenAiModel" + config.providers().values();
    }
}
