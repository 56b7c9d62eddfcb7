package dev.jclaw.bench;

import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.HybridSearch;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryIndex;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.memory.lucene.LuceneMemoryIndex;
import dev.jclaw.memory.lucene.OnnxEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Memory search at scale: facts of synthetic bilingual text (words of a Chinese and English ops vocabulary, host
 * names, numbers) in one Lucene index, spread over 100 namespaces; the search asks one namespace. Reports indexing
 * time, index size on disk, and the latency of hybrid search (BM25 + HNSW vectors, fused) or BM25 alone, p50/p99
 * over 500 queries after 200 warm-up queries.
 *
 * <p>Usage: {@code MemoryBench N mode [dir]}, mode = {@code real} (vectors from the bge-small-zh model, for facts
 * and queries), {@code synthetic} (random unit vectors of the same length) or {@code bm25} (no vectors). With a
 * directory the index is kept there and, when it already holds N entries, searched without indexing again.
 */
public final class MemoryBench {
    private static final String[] WORDS = ("数据库 缓存 部署 服务器 端口 值班 告警 日志 备份 发布 回滚 证书 网关 队列 监控"
            + " 配置 密钥 集群 节点 延迟 database cache deploy server port oncall alert log backup release rollback"
            + " certificate gateway queue monitor config secret cluster node latency staging production billing"
            + " payment search index worker timeout retry").split(" ");
    private static final int DIMENSIONS = 512;

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        String mode = args.length > 1 ? args[1] : "synthetic";
        Random random = new Random(7);
        Embedder embedder = mode.equals("real") ? new OnnxEmbedder(OnnxEmbedder.Model.BGE_SMALL_ZH_V15) : null;
        boolean keep = args.length > 2;
        Path dir = keep ? Path.of(args[2]) : Files.createTempDirectory("jclaw-memory-bench");
        List<Namespace> spaces = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            spaces.add(new Namespace("feishu:app:oc_" + i));
        }
        try (LuceneMemoryIndex index = LuceneMemoryIndex.open(dir)) {
            if (index.size() != n) {
                build(index, n, mode, embedder, spaces, random);
            }
            long settleStart = System.nanoTime();
            int segments = index.settle();
            System.out.printf("merges settled in %.1f s: %d segments, index %.1f MB on disk%n",
                    (System.nanoTime() - settleStart) / 1e9, segments, size(dir) / 1e6);
            measure(index, mode, embedder, spaces, random);
        } finally {
            if (!keep) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void build(LuceneMemoryIndex index, int n, String mode, Embedder embedder, List<Namespace> spaces,
                              Random random) throws InterruptedException {
        index.clear();
        long start = System.nanoTime();
        double embedNanos = 0;
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(sentence(random, 12 + random.nextInt(12)) + " host-" + random.nextInt(500) + ".internal:"
                    + (1000 + random.nextInt(9000)));
            if (batch.size() == 64 || i == n - 1) {
                List<float[]> vectors = List.of();
                if (embedder != null) {
                    long t = System.nanoTime();
                    vectors = embedder.embed(batch);
                    embedNanos += System.nanoTime() - t;
                }
                for (int j = 0; j < batch.size(); j++) {
                    Optional<float[]> v = mode.equals("bm25") ? Optional.empty()
                            : Optional.of(embedder != null ? vectors.get(j) : unit(random));
                    index.put(new MemoryIndex.Doc(MemoryId.random(), spaces.get(random.nextInt(spaces.size())),
                            MemoryLayer.FACT, batch.get(j), v, true));
                }
                batch.clear();
            }
        }
        index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(n, n), mode));
        double indexSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%,d facts (%s): indexed in %.1f s (%.2f ms per entry%s)%n", n, mode, indexSeconds,
                indexSeconds * 1000 / n, embedder == null ? ""
                        : String.format(", of which embedding %.2f ms", embedNanos / 1e6 / n));
    }

    private static void measure(LuceneMemoryIndex index, String mode, Embedder embedder, List<Namespace> spaces,
                                Random random) throws InterruptedException {
        List<Double> hybrid = new ArrayList<>();
        List<Double> text = new ArrayList<>();
        List<Double> vectors = new ArrayList<>();
        for (int q = 0; q < 700; q++) {
            String query = sentence(random, 3 + random.nextInt(5));
            Namespace ns = spaces.get(random.nextInt(spaces.size()));
            float[] vector = embedder != null ? embedder.embed(List.of(query)).getFirst() : unit(random);
            long t = System.nanoTime();
            List<MemoryIndex.Hit> words = index.text(ns, Set.of(), query, 20);
            long t1 = System.nanoTime();
            List<MemoryIndex.Hit> near = mode.equals("bm25") ? List.of() : index.nearest(ns, Set.of(), vector, 20);
            long t2 = System.nanoTime();
            HybridSearch.fuse(words, near, 5);
            if (q >= 200) {
                hybrid.add((System.nanoTime() - t) / 1e6);
                text.add((t1 - t) / 1e6);
                vectors.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf("  %s search (query embedding excluded): p50 %.2f ms, p99 %.2f ms (n=%d)%n",
                mode.equals("bm25") ? "BM25" : "hybrid", Stats.percentile(hybrid, 50), Stats.percentile(hybrid, 99),
                hybrid.size());
        System.out.printf("    of which BM25 p50 %.2f / p99 %.2f ms, vectors p50 %.2f / p99 %.2f ms%n",
                Stats.percentile(text, 50), Stats.percentile(text, 99), Stats.percentile(vectors, 50),
                Stats.percentile(vectors, 99));
        if (embedder != null) {
            List<Double> embeds = new ArrayList<>();
            for (int q = 0; q < 50; q++) {
                long t = System.nanoTime();
                embedder.embed(List.of(sentence(random, 8)));
                embeds.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf("  embedding one query: p50 %.1f ms%n", Stats.percentile(embeds, 50));
        }
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
