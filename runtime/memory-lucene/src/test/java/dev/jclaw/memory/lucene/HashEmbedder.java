package dev.jclaw.memory.lucene;

import dev.jclaw.core.memory.Embedder;
import dev.jclaw.testkit.model.FakeEmbeddings;
import java.util.ArrayList;
import java.util.List;

/** Words hashed into 64 buckets: texts that share words are close. Deterministic and instant, for service tests. */
class HashEmbedder implements Embedder {
    @Override
    public String model() {
        return "test:hash";
    }

    @Override
    public int dimensions() {
        return 64;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>();
        texts.forEach(t -> out.add(FakeEmbeddings.vector(t, 64)));
        return out;
    }
}
