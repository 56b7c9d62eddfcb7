package dev.jclaw.core.config;

import dev.jclaw.api.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binds the {@code models} and {@code agent} sections, with the OpenAI environment fallback. */
final class ModelsBinder {
    static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
    static final String BASE_URL_VARIABLE = "OPENAI_BASE_URL";
    static final String MODEL_VARIABLE = "JCLAW_MODEL";

    private ModelsBinder() {
    }

    static ModelsConfig models(JsonObject raw, Map<String, String> environment, Provenance provenance) {
        JsonObject models = raw.optObject("models").orElse(JsonObject.EMPTY);
        Map<String, ModelsConfig.Provider> providers = new LinkedHashMap<>();
        models.optObject("providers").orElse(JsonObject.EMPTY).members().forEach((name, value) ->
                providers.put(name, provider(name, (JsonObject) value)));
        String defaultModel = models.optString("default").orElse(nonEmpty(environment.get(MODEL_VARIABLE)));
        if (providers.isEmpty()) {
            String key = nonEmpty(environment.get(API_KEY_VARIABLE));
            String url = nonEmpty(environment.get(BASE_URL_VARIABLE));
            if (!key.isEmpty() || !url.isEmpty()) {
                providers.put("openai", new ModelsConfig.Provider("openai",
                        url.isEmpty() ? ModelsConfig.OPENAI_BASE_URL : url, key, Duration.ofSeconds(600), Map.of()));
            }
        }
        ModelsConfig config = new ModelsConfig(defaultModel, providers);
        if (!defaultModel.isEmpty() && config.configured() && config.route(defaultModel).isEmpty()) {
            throw provenance.error("models.default", "expected a model one provider lists, or provider/model, got \""
                    + defaultModel + "\" (providers: " + String.join(", ", providers.keySet()) + ")");
        }
        return config;
    }

    private static ModelsConfig.Provider provider(String name, JsonObject p) {
        Map<String, ModelsConfig.Model> models = new LinkedHashMap<>();
        p.optObject("models").orElse(JsonObject.EMPTY).members().forEach((id, value) -> {
            JsonObject m = (JsonObject) value;
            models.put(id, new ModelsConfig.Model(id, m.optLong("context-window").orElse(128_000L).intValue(),
                    m.optLong("max-output-tokens").orElse(0L).intValue(), m.optBoolean("vision").orElse(false)));
        });
        return new ModelsConfig.Provider(name, p.string("base-url"), p.optString("api-key").orElse(""),
                Duration.ofSeconds(p.optLong("timeout-seconds").orElse(600L)), models);
    }

    static AgentConfig agent(JsonObject raw) {
        JsonObject a = raw.optObject("agent").orElse(JsonObject.EMPTY);
        return new AgentConfig(a.optString("approval").orElse("writes"), a.optLong("max-steps").orElse(50L).intValue(),
                Duration.ofSeconds(a.optLong("turn-timeout-seconds").orElse(1800L)),
                Duration.ofSeconds(a.optLong("idle-timeout-seconds").orElse(120L)),
                Duration.ofSeconds(a.optLong("tool-timeout-seconds").orElse(600L)),
                a.optLong("tool-output-chars").orElse(30_000L).intValue());
    }

    private static String nonEmpty(String value) {
        return value == null ? "" : value.strip();
    }

}
