package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryIndex;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneMemoryIndexTest {
    static final Namespace ALICE = new Namespace("cli:alice");
    static final Namespace BOB = new Namespace("cli:bob");

    @TempDir
    Path dir;
    LuceneMemoryIndex index;
    final Map<String, MemoryId> ids = new java.util.HashMap<>();

    @BeforeEach
    void setUp() {
        index = LuceneMemoryIndex.open(dir.resolve("index"));
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    MemoryId put(String name, Namespace ns, MemoryLayer layer, String text, float[] vector, boolean active) {
        MemoryId id = ids.computeIfAbsent(name, n -> MemoryId.random());
        index.put(new MemoryIndex.Doc(id, ns, layer, text, Optional.ofNullable(vector), active));
        return id;
    }

    MemoryId fact(String name, String text) {
        return put(name, ALICE, MemoryLayer.FACT, text, null, true);
    }

    void commit() {
        index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(ids.size(), 42), "test"));
    }

    List<MemoryId> text(Namespace ns, String query) {
        return index.text(ns, Set.of(), query, 5).stream().map(MemoryIndex.Hit::id).toList();
    }

    @Nested
    class FullText {
        @BeforeEach
        void facts() {
            fact("redis", "生产环境的 Redis 部署在 redis-prod-3.internal，端口 6380");
            fact("deploy", "To deploy the billing service run make release and then tag the commit");
            fact("tabs", "Alice prefers tabs over spaces in Go code");
            fact("oncall", "周末值班由张伟负责，电话 138-0000-1234");
            commit();
        }

        @Test
        void finds_chinese_words_inside_running_text() {
            assertThat(text(ALICE, "谁负责周末值班")).first().isEqualTo(ids.get("oncall"));
            assertThat(text(ALICE, "生产环境的缓存")).first().isEqualTo(ids.get("redis"));
        }

        @Test
        void finds_english_words_stemmed_and_ignores_stop_words() {
            assertThat(text(ALICE, "how do we deploy billing?")).first().isEqualTo(ids.get("deploy"));
            assertThat(text(ALICE, "what does she prefer")).first().isEqualTo(ids.get("tabs"));
            assertThat(text(ALICE, "the of and is")).isEmpty();
        }

        @Test
        void finds_identifiers_whole() {
            assertThat(text(ALICE, "redis-prod-3.internal")).containsExactly(ids.get("redis"));
            assertThat(text(ALICE, "port 6380")).first().isEqualTo(ids.get("redis"));
        }

        @Test
        void treats_lucene_syntax_and_garbage_as_words_and_never_leaves_the_namespace() {
            put("secret", BOB, MemoryLayer.FACT, "Bob's deploy password is hunter2", null, true);
            commit();
            for (String hostile : List.of("*:*", "ns:cli\\:bob", "deploy OR ns:*", "\"", "(((", "AND", "+-!~^",
                    "x".repeat(100_000), "\u0000\u0001", "😀 deploy", "id:*", "active:0")) {
                assertThat(index.text(ALICE, Set.of(), hostile, 10)).as(hostile.length() > 40 ? "long" : hostile)
                        .extracting(MemoryIndex.Hit::id).doesNotContain(ids.get("secret"));
            }
            assertThat(text(BOB, "deploy")).containsExactly(ids.get("secret"));
        }
    }

    @Nested
    class Filters {
        @Test
        void returns_only_active_entries_of_the_asked_layers() {
            fact("a", "the staging database is pg-stage-2");
            put("b", ALICE, MemoryLayer.PROCEDURE, "to restore the staging database run restore.sh", null, true);
            put("c", ALICE, MemoryLayer.FACT, "the old staging database was pg-stage-1", null, false);
            commit();
            assertThat(text(ALICE, "staging database")).containsExactlyInAnyOrder(ids.get("a"), ids.get("b"));
            assertThat(index.text(ALICE, Set.of(MemoryLayer.PROCEDURE), "staging database", 5))
                    .extracting(MemoryIndex.Hit::id).containsExactly(ids.get("b"));
        }

        @Test
        void replaces_an_entry_by_id_and_deletes_it() {
            fact("a", "the lunch place is Noodle House");
            commit();
            fact("a", "the lunch place is Dumpling King");
            commit();
            assertThat(text(ALICE, "noodle")).isEmpty();
            assertThat(text(ALICE, "dumpling")).containsExactly(ids.get("a"));
            index.delete(ids.get("a"));
            commit();
            assertThat(text(ALICE, "dumpling")).isEmpty();
            assertThat(index.size()).isZero();
        }
    }

    @Nested
    class Vectors {
        @Test
        void finds_the_nearest_by_cosine_within_the_namespace() {
            put("x", ALICE, MemoryLayer.FACT, "x", new float[] {1, 0, 0}, true);
            put("y", ALICE, MemoryLayer.FACT, "y", new float[] {0.6f, 0.8f, 0}, true);
            put("z", BOB, MemoryLayer.FACT, "z", new float[] {1, 0, 0}, true);
            commit();
            List<MemoryIndex.Hit> hits = index.nearest(ALICE, Set.of(), new float[] {1, 0, 0}, 5);
            assertThat(hits).extracting(MemoryIndex.Hit::id).containsExactly(ids.get("x"), ids.get("y"));
            assertThat(hits.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(hits.get(1).score()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-4));
        }

        @Test
        void the_exact_scan_of_a_small_namespace_ranks_like_brute_force_across_segments_and_deletions() {
            java.util.Random random = new java.util.Random(3);
            Map<String, float[]> vectors = new java.util.HashMap<>();
            for (int i = 0; i < 300; i++) {
                float[] v = {random.nextFloat() - 0.5f, random.nextFloat() - 0.5f, random.nextFloat() - 0.5f};
                Namespace ns = i % 3 == 0 ? ALICE : BOB;
                put("v" + i, ns, MemoryLayer.FACT, "v" + i, v, i % 7 != 0);
                if (ns == ALICE && i % 7 != 0 && i % 11 != 0) {
                    vectors.put("v" + i, v);
                }
                if (i % 50 == 49) {
                    commit(); // several segments
                }
            }
            for (int i = 0; i < 300; i += 11) {
                index.delete(ids.get("v" + i));
            }
            commit();
            float[] q = {0.3f, -0.2f, 0.9f};
            List<MemoryId> expected = vectors.entrySet().stream()
                    .sorted(java.util.Comparator.comparingDouble(e -> -cosine(q, e.getValue())))
                    .limit(10).map(e -> ids.get(e.getKey())).toList();
            assertThat(index.nearest(ALICE, Set.of(), q, 10)).extracting(MemoryIndex.Hit::id)
                    .containsExactlyElementsOf(expected);
        }

        @Test
        void a_namespace_larger_than_the_exact_scan_limit_is_searched_by_the_graph() {
            java.util.Random random = new java.util.Random(5);
            for (int i = 0; i <= LuceneMemoryIndex.EXACT_SCAN_LIMIT; i++) {
                put("n" + i, ALICE, MemoryLayer.FACT, "n", new float[] {random.nextFloat(), random.nextFloat(),
                        random.nextFloat(), random.nextFloat()}, true);
            }
            float[] target = {0.9f, 0.05f, 0.3f, 0.7f};
            MemoryId planted = put("planted", ALICE, MemoryLayer.FACT, "p", target, true);
            put("elsewhere", BOB, MemoryLayer.FACT, "e", target, true);
            commit();
            List<MemoryIndex.Hit> hits = index.nearest(ALICE, Set.of(), target, 3);
            assertThat(hits.getFirst().id()).isEqualTo(planted);
            assertThat(hits.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(hits).extracting(MemoryIndex.Hit::id).doesNotContain(ids.get("elsewhere"));
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Nested
    class Durability {
        @Test
        void keeps_entries_and_the_sync_state_across_a_reopen_but_not_what_was_not_committed() {
            fact("kept", "the printer on floor 3 is called Gutenberg");
            index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(1, 7), "local:bge-small-zh-v15"));
            fact("lost", "the printer on floor 4 is called Caxton");
            index.close();
            index = LuceneMemoryIndex.open(dir.resolve("index"));
            assertThat(index.syncState()).contains(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(1, 7),
                    "local:bge-small-zh-v15"));
            assertThat(text(ALICE, "printer")).containsExactly(ids.get("kept"));
        }

        @Test
        void a_new_or_cleared_index_has_no_sync_state() {
            assertThat(index.syncState()).isEmpty();
            fact("a", "something");
            commit();
            index.clear();
            assertThat(index.syncState()).isEmpty();
            assertThat(index.size()).isZero();
        }

        @Test
        void an_index_written_before_namespace_sorting_starts_afresh() throws IOException {
            index.close();
            Path old = dir.resolve("old");
            try (var directory = org.apache.lucene.store.FSDirectory.open(old);
                 var writer = new org.apache.lucene.index.IndexWriter(directory,
                         new org.apache.lucene.index.IndexWriterConfig())) {
                var doc = new org.apache.lucene.document.Document();
                doc.add(new org.apache.lucene.document.StringField("id", MemoryId.random().value(),
                        org.apache.lucene.document.Field.Store.YES));
                writer.addDocument(doc);
                writer.setLiveCommitData(Map.of("store.entries", "1", "store.checksum", "1").entrySet());
                writer.commit();
            }
            index = LuceneMemoryIndex.open(old);
            assertThat(index.syncState()).isEmpty(); // so the memory service rebuilds it from the store
            assertThat(index.size()).isZero();
        }

        @Test
        void an_index_of_vectors_from_before_bge_saw_lower_case_text_asks_for_new_vectors() throws IOException {
            index.close();
            Path old = dir.resolve("vectors-1");
            try (var directory = org.apache.lucene.store.FSDirectory.open(old);
                 var writer = new org.apache.lucene.index.IndexWriter(directory,
                         new org.apache.lucene.index.IndexWriterConfig().setIndexSort(new org.apache.lucene.search.Sort(
                                 new org.apache.lucene.search.SortField("ns",
                                         org.apache.lucene.search.SortField.Type.STRING))))) {
                writer.setLiveCommitData(Map.of("store.entries", "0", "store.checksum", "3", "embedding.model",
                        "local:bge-small-zh-v15").entrySet());
                writer.commit();
            }
            index = LuceneMemoryIndex.open(old);
            // the same store, but not the same vectors: the memory service re-embeds every entry
            assertThat(index.syncState()).hasValueSatisfying(s -> {
                assertThat(s.store()).isEqualTo(new MemoryStore.Fingerprint(0, 3));
                assertThat(s.embeddingModel()).isNotEqualTo("local:bge-small-zh-v15");
            });
            index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(0, 3), "local:bge-small-zh-v15"));
            assertThat(index.syncState().orElseThrow().embeddingModel()).isEqualTo("local:bge-small-zh-v15");
        }

        @Test
        void a_corrupted_index_starts_afresh_without_a_sync_state() throws IOException {
            fact("a", "the wiki lives at wiki.example.internal");
            commit();
            index.close();
            try (Stream<Path> files = Files.list(dir.resolve("index"))) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                    Files.write(f, new byte[] {1, 2, 3}); // a truncated commit point
                }
            }
            index = LuceneMemoryIndex.open(dir.resolve("index"));
            assertThat(index.syncState()).isEmpty();
            assertThat(index.size()).isZero();
            fact("b", "usable again");
            commit();
            assertThat(text(ALICE, "usable")).containsExactly(ids.get("b"));
        }
    }
}
