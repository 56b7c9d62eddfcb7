package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.InMemoryMemoryStore;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Vectors;
import dev.jclaw.testkit.memory.MergePairs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No fact is lost when it is written: sentences that differ in a name, a number, a host, a month (English and
 * Chinese) are stored as two memories, through the memory service over a real Lucene index — once with vectors that
 * call every text the same, so that only the identifiers decide, and once with the shipped embedding model.
 */
class MergeSafetyTest {
    static final Namespace TEAM = new Namespace("feishu:app:oc_team");
    static final List<String> CONTRACTS = List.of(
            "The PagerDuty contract renews every August; Daniel is the account owner.",
            "The Figma contract renews every March; Sofia is the account owner.",
            "The Sentry contract renews every March; Daniel is the account owner.");

    @TempDir
    Path dir;
    InMemoryMemoryStore store = new InMemoryMemoryStore();
    List<LuceneMemoryIndex> indexes = new ArrayList<>();

    @AfterEach
    void closeIndexes() {
        indexes.forEach(LuceneMemoryIndex::close);
    }

    MemoryService memory(Embedder embedder) {
        LuceneMemoryIndex index = LuceneMemoryIndex.open(dir.resolve("index-" + indexes.size()));
        indexes.add(index);
        return new MemoryService(store, index, Optional.of(embedder), MemoryService.Quotas.DEFAULT,
                Clock.systemUTC());
    }

    static MemoryService.Memorized memorize(MemoryService memory, Namespace ns, String text) throws Exception {
        return memory.memorize(ns, MemoryLayer.FACT, "fact", text, "s1");
    }

    /** Every text gets the same vector: as similar as can be. */
    static final class SameMeaning implements Embedder {
        @Override
        public String model() {
            return "test:same";
        }

        @Override
        public int dimensions() {
            return 8;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(t -> Vectors.unit(new float[] {1, 1, 1, 1, 1, 1, 1, 1})).toList();
        }
    }

    void storesEachPairTwice(MemoryService memory) throws Exception {
        for (int i = 0; i < MergePairs.DIFFERENT.size(); i++) {
            List<String> pair = MergePairs.DIFFERENT.get(i);
            Namespace ns = new Namespace("cli:pair-" + i);
            assertThat(memorize(memory, ns, pair.get(0))).isInstanceOf(MemoryService.Memorized.Stored.class);
            assertThat(memorize(memory, ns, pair.get(1))).as("%s", pair)
                    .isInstanceOf(MemoryService.Memorized.Stored.class);
            assertThat(store.stats(ns).facts()).isEqualTo(2);
        }
    }

    @Nested
    class WhenOnlyTheIdentifiersDecide {
        @Test
        void stores_both_sentences_of_every_pair_that_differs_in_an_identifier() throws Exception {
            assertThat(MergePairs.DIFFERENT).hasSizeGreaterThanOrEqualTo(20);
            storesEachPairTwice(memory(new SameMeaning()));
        }

        @Test
        void merges_the_same_fact_said_again_and_keeps_the_other_text() throws Exception {
            MemoryService memory = memory(new SameMeaning());
            for (int i = 0; i < MergePairs.SAME.size(); i++) {
                List<String> pair = MergePairs.SAME.get(i);
                Namespace ns = new Namespace("cli:same-" + i);
                MemoryEntry first = memorize(memory, ns, pair.get(0)).entry();
                MemoryService.Memorized second = memorize(memory, ns, pair.get(1));
                assertThat(second).as("%s", pair).isInstanceOfSatisfying(MemoryService.Memorized.Merged.class, m -> {
                    assertThat(m.entry().id()).isEqualTo(first.id());
                    assertThat(List.of(m.entry().content(), m.absorbed().content()))
                            .containsExactlyInAnyOrderElementsOf(pair);
                    assertThat(m.absorbed().mergedInto()).contains(first.id());
                });
            }
        }
    }

    @Nested
    class WithTheShippedModel {
        MemoryService memory;

        @BeforeEach
        void openMemory() {
            memory = memory(OnnxEmbedderTest.BGE);
        }

        @Test
        void keeps_the_three_contracts_of_the_report_apart_and_recalls_each() throws Exception {
            for (String contract : CONTRACTS) {
                assertThat(memorize(memory, TEAM, contract)).as(contract)
                        .isInstanceOf(MemoryService.Memorized.Stored.class);
            }
            assertThat(store.stats(TEAM).facts()).isEqualTo(3);
            assertThat(memory.retrieve(TEAM, "When does the Figma contract renew?").items())
                    .extracting(r -> r.entry().content()).contains(CONTRACTS.get(1));
            assertThat(memory.retrieve(TEAM, "Who owns the Sentry contract?").items())
                    .extracting(r -> r.entry().content()).contains(CONTRACTS.get(2));
        }

        @Test
        void stores_both_sentences_of_every_pair_that_differs_in_an_identifier() throws Exception {
            storesEachPairTwice(memory);
        }

        @Test
        void still_merges_the_same_fact_said_again_in_other_words_or_order() throws Exception {
            // cosine 0.98, 0.99, 0.97 and 0.99 with bge-small-zh; the other reworded pairs are below 0.95 and kept
            for (List<String> pair : List.of(MergePairs.SAME.get(2), MergePairs.SAME.get(3), MergePairs.SAME.get(5),
                    MergePairs.SAME.get(7))) {
                memorize(memory, TEAM, pair.get(0));
                assertThat(memorize(memory, TEAM, pair.get(1))).as("%s", pair)
                        .isInstanceOf(MemoryService.Memorized.Merged.class);
            }
            assertThat(store.stats(TEAM).facts()).isEqualTo(4);
            assertThat(store.stats(TEAM).merged()).isEqualTo(4);
        }
    }
}
