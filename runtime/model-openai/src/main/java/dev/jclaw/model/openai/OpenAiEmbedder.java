package dev.jclaw.model.openai;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.Vectors;
import dev.jclaw.core.model.ModelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings from an OpenAI-compatible {@code /v1/embeddings} endpoint of a configured provider. Texts go in
 * batches of at most {@value #BATCH}; every vector comes back normalised to unit length, so cosine similarity is a
 * dot product. The vector length is the one asked for, or learned from the first answer.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class OpenAiEmbedder implements Embedder, AutoCloseable {
    /** The most texts sent in one request. */
    static final int BATCH = 64;
    private final ProviderClient client;
    private final String name;
    private final String modelId;
    private volatile int dimensions;

    /**
     * Creates an embedder.
     *
     * @param models the configured providers
     * @param name the embedding model's name, routed like a chat model's ({@code provider/model} or a listed id)
     * @param dimensions the vector length to ask for, or 0 for the model's own
     * @throws IllegalArgumentException when no configured provider serves the name
     */
    public OpenAiEmbedder(ModelsConfig models, String name, int dimensions) {
        ModelsConfig.Route route = models.route(name).orElseThrow(() -> new IllegalArgumentException(
                "no configured provider serves the embedding model " + name));
        this.client = new ProviderClient(route.provider());
        this.name = name;
        this.modelId = route.modelId();
        this.dimensions = Math.max(0, dimensions);
    }

    @Override
    public String model() {
        return name;
    }

    @Override
    public int dimensions() {
        if (dimensions == 0) {
            try {
                embed(List.of("dimensions"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MemoryException("interrupted while asking " + name + " for its vector length");
            }
        }
        return dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) throws InterruptedException {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<float[]> batch;
            try {
                batch = client.embed(modelId, texts.subList(from, Math.min(texts.size(), from + BATCH)), dimensions);
            } catch (ModelException e) {
                throw new MemoryException("the embedding model " + name + " failed: " + e.getMessage(), e);
            }
            for (float[] v : batch) {
                if (dimensions == 0) {
                    dimensions = v.length;
                } else if (v.length != dimensions) {
                    throw new MemoryException("the embedding model " + name + " gave a vector of " + v.length
                            + " numbers, expected " + dimensions);
                }
                out.add(Vectors.unit(v));
            }
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
