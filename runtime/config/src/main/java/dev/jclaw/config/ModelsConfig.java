package dev.jclaw.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Model providers: {@code models} in {@code jclaw.json}, or, when that names no provider, one provider made from
 * {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} and {@code JCLAW_MODEL}.
 *
 * <p>A model name routes to its provider by {@link #route(String)}:
 * <ol>
 *   <li>{@code provider/model}, when a provider has that name: the rest is the id sent to it;</li>
 *   <li>else the first provider, in file order, that lists the name under its {@code models};</li>
 *   <li>else, when there is exactly one provider and it lists no models (such as the one made from
 *       {@code OPENAI_*}), that provider, with the name as it is — so ids with a slash of their own, such as
 *       {@code meta-llama/llama-3-8b}, reach an open endpoint unchanged.</li>
 * </ol>
 *
 * <pre>{@code
 * ModelsConfig models = config.models();
 * models.route(models.defaultModel()).ifPresent(route ->
 *         System.out.println(route.provider().baseUrl() + " serves " + route.modelId()));
 * }</pre>
 *
 * @param defaultModel the model a turn uses when it names none: a model id or {@code provider/model}; may be empty
 * @param providers providers by name, in the file's order
 */
public record ModelsConfig(String defaultModel, Map<String, Provider> providers) {

    /** The base URL used when {@code OPENAI_BASE_URL} is not set. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
    /** The longest one request may take unless a provider says otherwise; as in the schema. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);
    /** The longest a provider may send nothing unless it says otherwise; as in the schema. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** What to do when no model is configured, for messages: the end of a sentence. */
    public static final String HOW_TO_CONFIGURE = "set OPENAI_API_KEY (and OPENAI_BASE_URL for another endpoint) and"
            + " JCLAW_MODEL, or models.providers in jclaw.json";
    /** No provider at all. */
    public static final ModelsConfig NONE = new ModelsConfig("", Map.of());

    /** Checks and copies the fields. */
    public ModelsConfig {
        Objects.requireNonNull(defaultModel, "defaultModel");
        providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /** @return whether any provider is configured */
    public boolean configured() {
        return !providers.isEmpty();
    }

    /**
     * Finds the provider and model id a model name routes to (see the class comment for the rules).
     *
     * @param name the model name
     * @return the provider and the id to send, or empty when the name routes nowhere
     */
    public Optional<Route> route(String name) {
        int slash = name.indexOf('/');
        if (slash > 0 && slash < name.length() - 1 && providers.containsKey(name.substring(0, slash))) {
            return Optional.of(new Route(providers.get(name.substring(0, slash)), name.substring(slash + 1)));
        }
        for (Provider provider : providers.values()) {
            if (provider.models().containsKey(name)) {
                return Optional.of(new Route(provider, name));
            }
        }
        if (providers.size() == 1 && !name.isBlank()) {
            Provider only = providers.values().iterator().next();
            return only.models().isEmpty() ? Optional.of(new Route(only, name)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Finds what is known about the model a name routes to.
     *
     * @param name the model name
     * @return the model as its provider lists it, or empty when the name routes nowhere or to a model not listed
     */
    public Optional<Model> model(String name) {
        return route(name).flatMap(Route::model);
    }

    /**
     * One OpenAI-compatible endpoint.
     *
     * @param name the provider's name
     * @param baseUrl the base URL, up to and including the version, e.g. {@code https://api.openai.com/v1}
     * @param apiKey the API key, empty when the endpoint needs none; never printed
     * @param timeout the longest one request may take, first byte to last
     * @param idleTimeout the longest the provider may send nothing, before the answer starts or between chunks
     * @param models its models by id; an open endpoint lists none
     * @param contextNote where the per-turn context note goes in its requests
     */
    public record Provider(String name, String baseUrl, String apiKey, Duration timeout, Duration idleTimeout,
                           Map<String, Model> models, ContextNote contextNote) {
        /** Checks the fields and copies the models. */
        public Provider {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            requirePositive(timeout, "timeout");
            requirePositive(idleTimeout, "idleTimeout");
            models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
            Objects.requireNonNull(contextNote, "contextNote");
        }

        /**
         * A provider that takes the context note as a trailing system message.
         *
         * @param name the provider's name
         * @param baseUrl the base URL
         * @param apiKey the API key, empty for none
         * @param timeout the longest one request may take
         * @param idleTimeout the longest the provider may send nothing
         * @param models its models by id
         */
        public Provider(String name, String baseUrl, String apiKey, Duration timeout, Duration idleTimeout,
                        Map<String, Model> models) {
            this(name, baseUrl, apiKey, timeout, idleTimeout, models, ContextNote.SYSTEM);
        }

        /**
         * The same provider with the context note placed otherwise.
         *
         * @param placement where the note goes
         * @return the provider
         */
        public Provider withContextNote(ContextNote placement) {
            return new Provider(name, baseUrl, apiKey, timeout, idleTimeout, models, placement);
        }

        /**
         * A provider with the default idle timeout.
         *
         * @param name the provider's name
         * @param baseUrl the base URL
         * @param apiKey the API key, empty for none
         * @param timeout the longest one request may take
         * @param models its models by id
         */
        public Provider(String name, String baseUrl, String apiKey, Duration timeout, Map<String, Model> models) {
            this(name, baseUrl, apiKey, timeout, DEFAULT_IDLE_TIMEOUT, models);
        }

        /** Leaves the API key out. */
        @Override
        public String toString() {
            return "Provider[" + name + ", " + baseUrl + ", key " + (apiKey.isEmpty() ? "none" : "set") + ", timeout "
                    + timeout.toSeconds() + " s, idle " + idleTimeout.toSeconds() + " s, " + models.keySet()
                    + (contextNote == ContextNote.SYSTEM ? "" : ", context note " + contextNote.configName()) + "]";
        }

        private static void requirePositive(Duration d, String what) {
            if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
        }
    }

    /**
     * One model a provider lists.
     *
     * @param id the id the provider knows it by
     * @param contextWindow its context window in tokens
     * @param maxOutputTokens the most tokens of one answer, 0 for the provider's default
     * @param input what it takes as input
     * @param tokenizer how its tokens are counted for prompt budgets
     */
    public record Model(String id, int contextWindow, int maxOutputTokens, Set<Input> input, Tokenizer tokenizer) {
        /** Checks and copies the fields. */
        public Model {
            Objects.requireNonNull(id, "id");
            if (contextWindow < 1 || maxOutputTokens < 0) {
                throw new IllegalArgumentException("model " + id + ": contextWindow must be positive and"
                        + " maxOutputTokens not negative");
            }
            input = Set.copyOf(input);
            Objects.requireNonNull(tokenizer, "tokenizer");
        }

        /**
         * A model whose tokenizer follows from its id.
         *
         * @param id the id the provider knows it by
         * @param contextWindow its context window in tokens
         * @param maxOutputTokens the most tokens of one answer, 0 for the provider's default
         * @param input what it takes as input
         */
        public Model(String id, int contextWindow, int maxOutputTokens, Set<Input> input) {
            this(id, contextWindow, maxOutputTokens, input, Tokenizer.BY_MODEL_ID);
        }

        /**
         * A text-only model.
         *
         * @param id the id the provider knows it by
         * @param contextWindow its context window in tokens
         */
        public Model(String id, int contextWindow) {
            this(id, contextWindow, 0, Set.of(Input.TEXT));
        }

        /** @return whether the model takes images */
        public boolean takesImages() {
            return input.contains(Input.IMAGE);
        }
    }

    /** How a model's tokens are counted for prompt budgets: {@code tokenizer} in {@code jclaw.json}. */
    public enum Tokenizer {
        /** Not configured: the model adapter decides by the model id (OpenAI's ids get their encoding). */
        BY_MODEL_ID,
        /** OpenAI's {@code o200k_base} encoding (gpt-4o, gpt-4.1, gpt-5, o-series). */
        O200K_BASE,
        /** OpenAI's {@code cl100k_base} encoding (gpt-4, gpt-3.5). */
        CL100K_BASE,
        /** The calibrated estimate, for models whose encoding is not at hand. */
        ESTIMATE;

        /** @return the name as written in {@code jclaw.json}, e.g. {@code o200k_base}; empty for {@link #BY_MODEL_ID} */
        public String configName() {
            return this == BY_MODEL_ID ? "" : name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where the per-turn context note ({@code <turn_context>}: time, model, session, what hooks and recall added)
     * goes in a provider's requests: {@code context-note} in {@code jclaw.json}. Either way the note is sent last
     * and never stored, so the frozen prefix (system prompt, tools, earlier turns) keeps its bytes and a provider's
     * prefix cache keeps serving it.
     */
    public enum ContextNote {
        /** A system message after the conversation (the default): the cheapest for prefix caches. */
        SYSTEM,
        /**
         * A block appended to the newest user message, for servers whose chat templates refuse a system message
         * that is not first (vLLM with several models' templates: "System message must be at the beginning").
         */
        USER;

        /** @return the name as written in {@code jclaw.json}: {@code system}, {@code user} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A kind of input a model takes. */
    public enum Input {
        /** Text. */
        TEXT,
        /** Images (vision). */
        IMAGE;

        /** @return the name as written in {@code jclaw.json}: {@code text}, {@code image} */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where a model name leads.
     *
     * @param provider the provider
     * @param modelId the model id to send
     */
    public record Route(Provider provider, String modelId) {
        /** Checks the fields. */
        public Route {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(modelId, "modelId");
        }

        /** @return the model as the provider lists it, or empty for an id it does not list */
        public Optional<Model> model() {
            return Optional.ofNullable(provider.models().get(modelId));
        }
    }
}
