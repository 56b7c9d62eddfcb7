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
 * Memory search at scale: facts of synthetic bilingual text (words drawn by Zipf's law from 20,000, the most
 * frequent a Chinese and English ops vocabulary, the rest made-up Chinese and English words; host names, ports) in
 * one Lucene index, spread over namespaces; each search asks one namespace. Reports indexing time, index size on
 * disk, and the latency of hybrid search (BM25 + vectors, fused; each part apart too) or BM25 alone, p50/p99 over
 * 2,000 queries after 500 warm-up queries.
 *
 * <p>Usage: {@code MemoryBench N mode [dir [namespaces]]}. Mode: {@code real} (vectors from the bge-small-zh model,
 * for facts and queries), {@code synthetic} (random unit vectors of the same length) or {@code bm25} (no vectors).
 * With a directory the index is kept there and, when it already holds N entries, searched without indexing again.
 * 100 namespaces unless told otherwise; a namespace above 20,000 facts is searched by the HNSW graph, a smaller one
 * by an exact scan. {@code -Dbench.noGlossary=true} searches without the glossary's translations.
 */
public final class MemoryBench {
    /** The most frequent words: a Chinese and English ops vocabulary. */
    private static final String[] COMMON = ("数据库 缓存 部署 服务器 端口 值班 告警 日志 备份 发布 回滚 证书 网关 队列 监控"
            + " 配置 密钥 集群 节点 延迟 database cache deploy server port oncall alert log backup release rollback"
            + " certificate gateway queue monitor config secret cluster node latency staging production billing"
            + " payment search index worker timeout retry").split(" ");
    /** Characters and syllables the rarer words are made of. */
    private static final String HAN = "安保边表并部采参层查产长场车成程处传创存打大单导道的地点电定动端对多发法反"
            + "范方访放分服负改高格工功共构关管归规过合核后户化环换回活机积级集计记技加价架监检建键交接节结解金进"
            + "局据卷开看可客控库块快类理力连量流路率码目内能配批片平评期启迁签前强请区取权全任容入删上设审生失时识"
            + "实使示事试收手首授书属数刷顺算锁台态特提体替条通同统推完网维位文问务系线限项消效协写信行型修需序选"
            + "验样要业页移用优由有预域元源运载在增展账正证支执值指制中主注转状资自字组最作";
    private static final String[] SYLLABLES = ("ka ri to mo na se lu vi de po ra xe an el in or us ten bar con"
            + " dex gra ho jun mil nor pel quo sto tra ver wen zor").split(" ");
    /** Words by Zipf's law over this many: like running text, a few words are everywhere, most are rare. */
    private static final int VOCABULARY = 20_000;
    private static final String[] WORDS = vocabulary(new Random(11));
    private static final double[] CUMULATIVE = zipf(WORDS.length);
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
        int namespaces = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        for (int i = 0; i < namespaces; i++) {
            spaces.add(new Namespace("feishu:app:oc_" + i));
        }
        boolean translate = !Boolean.getBoolean("bench.noGlossary");
        try (LuceneMemoryIndex index = LuceneMemoryIndex.open(dir, translate)) {
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
        for (int q = 0; q < 2_500; q++) {
            String query = sentence(random, 3 + random.nextInt(5));
            Namespace ns = spaces.get(random.nextInt(spaces.size()));
            float[] vector = embedder != null ? embedder.embed(List.of(query)).getFirst() : unit(random);
            long t = System.nanoTime();
            List<MemoryIndex.Hit> words = index.text(ns, Set.of(), query, 20);
            long t1 = System.nanoTime();
            List<MemoryIndex.Hit> near = mode.equals("bm25") ? List.of() : index.nearest(ns, Set.of(), vector, 20);
            long t2 = System.nanoTime();
            HybridSearch.fuse(words, near, 5);
            if (q >= 500) {
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
            List<Double> pairs = new ArrayList<>();
            for (int q = 0; q < 50; q++) {
                String query = sentence(random, 8);
                long t = System.nanoTime();
                embedder.embed(List.of(query, index.embeddingText(query))); // what a turn's recall embeds
                pairs.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf("  embedding a message and its translated text (one batch): p50 %.1f ms%n",
                    Stats.percentile(pairs, 50));
        }
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int rank = java.util.Arrays.binarySearch(CUMULATIVE, random.nextDouble());
            s.append(i == 0 ? "" : " ").append(WORDS[Math.min(WORDS.length - 1, rank < 0 ? -rank - 1 : rank)]);
        }
        return s.toString();
    }

    /** The ops words first, then made-up Chinese (two or three characters) and English (two or three syllables). */
    private static String[] vocabulary(Random random) {
        java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>(List.of(COMMON));
        while (words.size() < VOCABULARY) {
            StringBuilder w = new StringBuilder();
            int parts = 2 + random.nextInt(2);
            for (int i = 0; i < parts; i++) {
                w.append(words.size() % 2 == 0 ? String.valueOf(HAN.charAt(random.nextInt(HAN.length())))
                        : SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words.add(w.toString());
        }
        return words.toArray(String[]::new);
    }

    /** @return the cumulative probabilities of ranks 1..n under Zipf's law (exponent 1) */
    private static double[] zipf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
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
