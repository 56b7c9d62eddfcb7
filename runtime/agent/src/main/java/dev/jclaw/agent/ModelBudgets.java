package dev.jclaw.agent;

import dev.jclaw.core.compaction.CompactionSettings;
import dev.jclaw.core.compaction.Compactor;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.context.PromptBudget;
import dev.jclaw.core.model.ModelPort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prompt budget and the compactor of each model, made on first use: the context window comes from the model's
 * configuration ({@value #DEFAULT_WINDOW} tokens when it names none), the token counter from the model port.
 */
final class ModelBudgets {
    /** The window of a model the configuration does not describe: what current hosted models offer at least. */
    static final int DEFAULT_WINDOW = 128_000;
    /** Distinct model names kept; {@code /model} lets users name any. */
    private static final int MAX_MODELS = 64;

    private record PerModel(PromptBudget budget, Compactor compactor) {
    }

    private final ModelsConfig models;
    private final ModelPort port;
    private final Map<String, PerModel> cache = new ConcurrentHashMap<>();

    ModelBudgets(ModelsConfig models, ModelPort port) {
        this.models = models;
        this.port = port;
    }

    PromptBudget budget(String model) {
        return perModel(model).budget();
    }

    Compactor compactor(String model) {
        return perModel(model).compactor();
    }

    private PerModel perModel(String model) {
        PerModel known = cache.get(model);
        if (known != null) {
            return known;
        }
        if (cache.size() >= MAX_MODELS) {
            cache.clear();
        }
        return cache.computeIfAbsent(model, this::create);
    }

    private PerModel create(String model) {
        int window = models.model(model).map(ModelsConfig.Model::contextWindow).orElse(DEFAULT_WINDOW);
        PromptBudget budget = PromptBudget.builder(window, port.tokenCounter(model)).build();
        return new PerModel(budget, new Compactor(port, budget.counter(), settings(budget)));
    }

    /** Compaction scaled to the window: a small model keeps a smaller tail and summarises in smaller chunks. */
    static CompactionSettings settings(PromptBudget budget) {
        int history = Math.max(1_000, budget.historyBudget(budget.frozenBudget(), budget.suffixBudget(),
                budget.dynamicBudget()));
        int summary = clamp(history / 8, 100, CompactionSettings.DEFAULT.summaryMaxTokens());
        int tail = clamp(history / 4, 200, CompactionSettings.DEFAULT.keepTailTokens());
        int chunk = clamp(history / 2, summary * 2, CompactionSettings.DEFAULT.chunkTokens());
        return new CompactionSettings(tail, chunk, summary);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
