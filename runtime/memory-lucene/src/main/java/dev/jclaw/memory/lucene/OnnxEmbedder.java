package dev.jclaw.memory.lucene;

import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.Vectors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Sentence embeddings computed in this process by a quantised ONNX model that ships inside a Maven artifact, so
 * memory search by meaning works with no network and no key. The model loads on first use (about a second) and is
 * shared by all callers.
 *
 * <p>Models: {@code bge-small-zh-v15} (BAAI bge-small-zh-v1.5, 512 dimensions, Chinese and English; the default)
 * and {@code all-minilm-l6-v2} (384 dimensions, English). docs/memory.md compares them on the retrieval set.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class OnnxEmbedder implements Embedder {
    /** The models this class runs, by configuration name. */
    public enum Model {
        /**
         * BAAI bge-small-zh-v1.5, quantised: Chinese and English. Its vocabulary is lower-case, but the tokenizer
         * shipped with the artifact does not lower-case, so every capitalised English word (a name, a product, a
         * month) would be one unknown token and "Daniel owns Figma" as close as can be to "Sofia owns Sentry": the
         * text is lower-cased here, as the model was trained.
         */
        BGE_SMALL_ZH_V15("bge-small-zh-v15", 512, true, BgeSmallZhV15QuantizedEmbeddingModel::new),
        /** sentence-transformers all-MiniLM-L6-v2, quantised: English; its tokenizer lower-cases by itself. */
        ALL_MINILM_L6_V2("all-minilm-l6-v2", 384, false, AllMiniLmL6V2QuantizedEmbeddingModel::new);

        private final String configName;
        private final int dimensions;
        private final boolean lowerCase;
        private final Supplier<EmbeddingModel> loader;

        Model(String configName, int dimensions, boolean lowerCase, Supplier<EmbeddingModel> loader) {
            this.configName = configName;
            this.dimensions = dimensions;
            this.lowerCase = lowerCase;
            this.loader = loader;
        }

        /** @return the name in {@code memory.embedding}, after {@code local:} */
        public String configName() {
            return configName;
        }

        /**
         * Finds a model by its configuration name.
         *
         * @param name e.g. {@code bge-small-zh-v15}
         * @return the model
         * @throws IllegalArgumentException naming the models there are
         */
        public static Model named(String name) {
            for (Model m : values()) {
                if (m.configName.equals(name.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no local embedding model " + name + "; there are bge-small-zh-v15"
                    + " and all-minilm-l6-v2");
        }
    }

    private final Model model;
    private volatile EmbeddingModel loaded;

    /**
     * Creates the embedder; the model loads on first use.
     *
     * @param model which model
     */
    public OnnxEmbedder(Model model) {
        this.model = model;
    }

    @Override
    public String model() {
        return "local:" + model.configName;
    }

    @Override
    public int dimensions() {
        return model.dimensions;
    }

    @Override
    public List<float[]> embed(List<String> texts) throws InterruptedException {
        if (texts.isEmpty()) {
            return List.of();
        }
        EmbeddingModel m = load();
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            String text = model.lowerCase ? t.toLowerCase(Locale.ROOT) : t;
            segments.add(TextSegment.from(text.isBlank() ? "(empty)" : text));
        }
        List<Embedding> out;
        try {
            out = m.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new MemoryException("the local embedding model " + model.configName + " failed: " + e, e);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("embedding was interrupted");
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (Embedding e : out) {
            vectors.add(Vectors.unit(e.vector()));
        }
        return vectors;
    }

    private EmbeddingModel load() {
        EmbeddingModel m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    try {
                        m = model.loader.get();
                    } catch (RuntimeException | LinkageError e) {
                        throw new MemoryException("the local embedding model " + model.configName
                                + " could not be loaded: " + e, e);
                    }
                    loaded = m;
                }
            }
        }
        return m;
    }
}
