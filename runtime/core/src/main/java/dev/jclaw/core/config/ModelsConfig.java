package dev.jclaw.core.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Model providers: {@code models} in {@code jclaw.json}, or, when that names no provider, one provider made from
 * {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} and {@code JCLAW_MODEL}.
 *
 * @param defaultModel the model a turn uses when it names none: a model id or {@code provider/model}; may be empty
 * @param providers providers by name, in the file's order
 */
public record ModelsConfig(String defaultModel, Map<String, Provider> providers) {

    /** The base URL used when OPENAI_BASE_URL is not set. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    /** Copies the providers. */
    public ModelsConfig {
        Objects.requireNonNull(defaultModel, "defaultModel");
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** @return whether any provider is configured */
    public boolean configured() {
        return !providers.isEmpty();
    }

    /**
     * One OpenAI-compatible endpoint.
     *
     * @param name the provider's name
     * @param baseUrl the base URL
     * @param apiKey the API key, empty when the endpoint needs none; never printed
     * @param timeout the longest one request may take
     * @param models its models by id; a model not listed may still be used through {@code provider/model}
     */
    public record Provider(String name, String baseUrl, String apiKey, Duration timeout, Map<String, Model> models) {
        /** Copies the models. */
        public Provider {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(timeout, "timeout");
            models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        }

        /** Leaves the API key out. */
        @Override
        public String toString() {
            return "Provider[" + name + ", " + baseUrl + ", key " + (apiKey.isEmpty() ? "none" : "set") + ", "
                    + models.keySet() + "]";
        }
    }

    /**
     * One model.
     *
     * @param id the id the provider knows it by
     * @param contextWindow its context window in tokens
     * @param maxOutputTokens the most tokens of one answer, 0 for the provider's default
     * @param vision whether it takes images
     */
    public record Model(String id, int contextWindow, int maxOutputTokens, boolean vision) {
    }

    /**
     * Finds the provider and model id a model name routes to: {@code provider/model}, else the first provider that
     * lists the id, else the only provider there is.
     *
     * @param name the model name
     * @return the provider and the id to send, or empty when the name routes nowhere
     */
    public Optional<Route> route(String name) {
        int slash = name.indexOf('/');
        if (slash > 0 && providers.containsKey(name.substring(0, slash))) {
            return Optional.of(new Route(providers.get(name.substring(0, slash)), name.substring(slash + 1)));
        }
        for (Provider provider : providers.values()) {
            if (provider.models().containsKey(name)) {
                return Optional.of(new Route(provider, name));
            }
        }
        return providers.size() == 1
                ? Optional.of(new Route(providers.values().iterator().next(), name)) : Optional.empty();
    }

    /**
     * Where a model name leads.
     *
     * @param provider the provider
     * @param modelId the model id to send
     */
    public record Route(Provider provider, String modelId) {
    }
}
