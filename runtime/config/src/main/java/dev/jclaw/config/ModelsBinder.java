package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds the {@code models} and {@code agent} sections, with the OpenAI environment fallback, and checks what the
 * schema cannot: that base URLs parse and that the default model routes to a provider.
 */
final class ModelsBinder {
    static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
    static final String BASE_URL_VARIABLE = "OPENAI_BASE_URL";
    static final String MODEL_VARIABLE = "JCLAW_MODEL";
    /** The name of the provider made from the {@code OPENAI_*} variables. */
    static final String FALLBACK_PROVIDER = "openai";

    private ModelsBinder() {
    }

    static ModelsConfig models(JsonObject raw, Map<String, String> environment, Provenance provenance) {
        JsonObject models = raw.optObject("models").orElse(JsonObject.EMPTY);
        Map<String, ModelsConfig.Provider> providers = new LinkedHashMap<>();
        models.optObject("providers").orElse(JsonObject.EMPTY).members().forEach((name, value) ->
                providers.put(name, provider(name, (JsonObject) value, provenance)));
        if (providers.isEmpty()) {
            fallbackProvider(environment).ifPresent(p -> providers.put(p.name(), p));
        }
        Optional<String> fromFile = models.optString("default");
        String defaultModel = fromFile.orElse(nonEmpty(environment.get(MODEL_VARIABLE)));
        ModelsConfig config = new ModelsConfig(defaultModel, providers);
        if (!defaultModel.isEmpty() && config.configured() && config.route(defaultModel).isEmpty()) {
            String problem = unrouted(defaultModel, config);
            throw fromFile.isPresent() ? provenance.error("models.default", problem)
                    : ConfigException.inEnvironment(MODEL_VARIABLE, "models.default", problem);
        }
        return config;
    }

    /** One provider made from {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}, when either is set. */
    private static Optional<ModelsConfig.Provider> fallbackProvider(Map<String, String> environment) {
        String key = nonEmpty(environment.get(API_KEY_VARIABLE));
        String url = nonEmpty(environment.get(BASE_URL_VARIABLE));
        if (key.isEmpty() && url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.isEmpty()) {
            String problem = urlProblem(url);
            if (problem != null) {
                throw ConfigException.inEnvironment(BASE_URL_VARIABLE, "", problem);
            }
        }
        return Optional.of(new ModelsConfig.Provider(FALLBACK_PROVIDER,
                url.isEmpty() ? ModelsConfig.OPENAI_BASE_URL : trimSlash(url), key, ModelsConfig.DEFAULT_TIMEOUT,
                ModelsConfig.DEFAULT_IDLE_TIMEOUT, Map.of()));
    }

    private static ModelsConfig.Provider provider(String name, JsonObject p, Provenance provenance) {
        KeyPath at = KeyPath.of("models", "providers", name);
        String url = p.string("base-url");
        String problem = urlProblem(url);
        if (problem != null) {
            throw provenance.error(at.child("base-url").text(), problem);
        }
        Map<String, ModelsConfig.Model> models = new LinkedHashMap<>();
        p.optObject("models").orElse(JsonObject.EMPTY).members().forEach((id, value) -> {
            JsonObject m = (JsonObject) value;
            Set<ModelsConfig.Input> input = EnumSet.noneOf(ModelsConfig.Input.class);
            m.optArray("input").orElseThrow(() -> noDefault("input")).elements().forEach(e ->
                    input.add(ModelsConfig.Input.valueOf(((JsonString) e).value().toUpperCase(Locale.ROOT))));
            ModelsConfig.Tokenizer tokenizer = m.optString("tokenizer")
                    .map(t -> ModelsConfig.Tokenizer.valueOf(t.toUpperCase(Locale.ROOT)))
                    .orElse(ModelsConfig.Tokenizer.BY_MODEL_ID);
            models.put(id, new ModelsConfig.Model(id, Math.toIntExact(integer(m, "context-window")),
                    Math.toIntExact(integer(m, "max-output-tokens")), input, tokenizer));
        });
        return new ModelsConfig.Provider(name, trimSlash(url), p.optString("api-key").orElse(""),
                Duration.ofSeconds(integer(p, "timeout-seconds")),
                Duration.ofSeconds(integer(p, "idle-timeout-seconds")), models,
                ModelsConfig.ContextNote.valueOf(p.optString("context-note").orElse("system")
                        .toUpperCase(Locale.ROOT)));
    }

    /** What is wrong with a base URL that passed the schema's pattern, or null when nothing is. */
    static String urlProblem(String url) {
        String problem;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "the scheme is not http or https";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "it names no host";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "a base URL takes no query or fragment";
            } else {
                return null;
            }
        } catch (URISyntaxException e) {
            problem = e.getReason();
        }
        return "expected an http:// or https:// URL such as https://api.openai.com/v1, got "
                + Validator.describeText(url, KeyPath.ROOT) + " (" + problem + ")";
    }

    private static String unrouted(String name, ModelsConfig config) {
        String providers = String.join(", ", config.providers().keySet());
        int slash = name.indexOf('/');
        if (slash > 0 && !config.providers().containsKey(name.substring(0, slash))) {
            return "expected provider/model with a configured provider (" + providers + "), or a model id one"
                    + " provider lists, got " + Validator.describeText(name, KeyPath.ROOT) + "; no provider is named "
                    + Validator.describeText(name.substring(0, slash), KeyPath.ROOT);
        }
        return "expected a model id one provider lists, or provider/model (providers: " + providers + "), got "
                + Validator.describeText(name, KeyPath.ROOT);
    }

    static AgentConfig agent(JsonObject raw) {
        JsonObject a = raw.optObject("agent").orElse(JsonObject.EMPTY);
        return new AgentConfig(a.optString("approval").orElse("writes"), a.optLong("max-steps").orElse(50L).intValue(),
                Duration.ofSeconds(a.optLong("turn-timeout-seconds").orElse(1800L)),
                Duration.ofSeconds(a.optLong("idle-timeout-seconds").orElse(120L)),
                Duration.ofSeconds(a.optLong("tool-timeout-seconds").orElse(600L)),
                a.optLong("tool-output-chars").orElse(30_000L).intValue());
    }

    private static long integer(JsonObject parent, String name) {
        return parent.optLong(name).orElseThrow(() -> noDefault(name));
    }

    private static IllegalStateException noDefault(String name) {
        return new IllegalStateException("the configuration schema gives no default for " + name);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String nonEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
