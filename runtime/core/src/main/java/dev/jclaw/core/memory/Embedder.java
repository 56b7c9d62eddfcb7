package dev.jclaw.core.memory;

import java.util.List;

/**
 * Turns text into vectors whose cosine similarity says how close two texts are in meaning. Implementations: a local
 * ONNX sentence-embedding model shipped as a Maven artifact (works offline), or an OpenAI-compatible
 * {@code /v1/embeddings} endpoint.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
public interface Embedder {

    /** @return the model's name; an index built with another model is re-embedded */
    String model();

    /** @return the length of every vector */
    int dimensions();

    /**
     * Embeds texts.
     *
     * @param texts the texts, each at most a few thousand characters (longer ones are cut by the model)
     * @return one unit-length vector per text, in order
     * @throws MemoryException when the model cannot embed
     * @throws InterruptedException when the thread is interrupted meanwhile
     */
    List<float[]> embed(List<String> texts) throws InterruptedException;
}
