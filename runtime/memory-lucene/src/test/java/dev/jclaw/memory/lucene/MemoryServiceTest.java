package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.memory.InMemoryMemoryStore;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryIndex;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory service over a real Lucene index and the in-memory store, with instant hashed vectors. */
class MemoryServiceTest {
    static final Namespace TEAM = new Namespace("feishu:app:oc_team");
    static final Namespace OTHER = new Namespace("feishu:app:oc_other");

    @TempDir
    Path dir;
    InMemoryMemoryStore store = new InMemoryMemoryStore();
    LuceneMemoryIndex index;
    MemoryService memory;

    @BeforeEach
    void setUp() {
        index = LuceneMemoryIndex.open(dir.resolve("index"));
        memory = new MemoryService(store, index, Optional.of(new HashEmbedder()), MemoryService.Quotas.DEFAULT,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    MemoryEntry fact(Namespace ns, String text) throws Exception {
        return memory.memorize(ns, MemoryLayer.FACT, "fact", text, "s1").entry();
    }

    List<String> recalled(Namespace ns, String message) throws Exception {
        return memory.retrieve(ns, message).items().stream().map(r -> r.entry().content()).toList();
    }

    @Nested
    class Memorizing {
        @Test
        void merges_exact_and_near_duplicates_but_keeps_facts_with_other_numbers() throws Exception {
            MemoryEntry first = fact(TEAM, "The staging Redis port is 6380");
            assertThat(memory.memorize(TEAM, MemoryLayer.FACT, "fact", "the  staging redis PORT is 6380", "s2"))
                    .isEqualTo(new MemoryService.Memorized.AlreadyKnown(first));
            MemoryService.Memorized near = memory.memorize(TEAM, MemoryLayer.FACT, "fact",
                    "The staging Redis port is 6380 (since May)", "s3");
            assertThat(near).isInstanceOf(MemoryService.Memorized.Stored.class); // "May" adds no number, but a word
            MemoryService.Memorized other = memory.memorize(TEAM, MemoryLayer.FACT, "fact",
                    "The staging Redis port is 6379", "s4");
            assertThat(other).isInstanceOf(MemoryService.Memorized.Stored.class);
            MemoryService.Memorized punct = memory.memorize(TEAM, MemoryLayer.FACT, "fact",
                    "The staging Redis port is 6380!", "s5");
            assertThat(punct).isInstanceOf(MemoryService.Memorized.Merged.class);
            assertThat(punct.entry().id()).isEqualTo(first.id());
            assertThat(store.stats(TEAM).facts()).isEqualTo(3);
        }

        @Test
        void refuses_archives_empty_and_oversized_content_and_writes_nothing() {
            assertThatThrownBy(() -> memory.memorize(TEAM, MemoryLayer.ARCHIVE, "x", "y", ""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fact(TEAM, "   ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> fact(TEAM, "x".repeat(MemoryEntry.MAX_CONTENT + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.stats(TEAM)).isEqualTo(new MemoryStats(0, 0, 0, 0, 0));
        }
    }

    @Nested
    class Splitting {
        MemoryEntry kept;
        MemoryService.Memorized.Merged merged;

        @BeforeEach
        void mergeOne() throws Exception {
            kept = fact(TEAM, "The staging Redis port is 6380");
            merged = (MemoryService.Memorized.Merged) memory.memorize(TEAM, MemoryLayer.FACT, "fact",
                    "The staging Redis port is 6380!!", "s2");
        }

        @Test
        void keeps_the_longer_text_and_the_other_one_as_a_merged_entry_never_recalled() throws Exception {
            assertThat(merged.entry().id()).isEqualTo(kept.id());
            assertThat(merged.entry().content()).isEqualTo("The staging Redis port is 6380!!");
            assertThat(merged.absorbed().content()).isEqualTo("The staging Redis port is 6380");
            assertThat(store.mergedInto(TEAM, kept.id())).containsExactly(merged.absorbed());
            assertThat(recalled(TEAM, "staging redis port")).containsExactly("The staging Redis port is 6380!!");
        }

        @Test
        void splits_by_the_merged_id_into_an_entry_that_is_recalled_again() throws Exception {
            MemoryService.Splitting done = memory.split(TEAM, merged.absorbed().id().shortForm());
            assertThat(done).isInstanceOfSatisfying(MemoryService.Splitting.Split.class, s -> {
                assertThat(s.survivor().id()).isEqualTo(kept.id());
                assertThat(s.restored()).extracting(MemoryEntry::content)
                        .containsExactly("The staging Redis port is 6380");
            });
            assertThat(recalled(TEAM, "staging redis port")).containsExactlyInAnyOrder(
                    "The staging Redis port is 6380!!", "The staging Redis port is 6380");
            assertThat(store.stats(TEAM)).isEqualTo(new MemoryStats(2, 0, 0, 0, 0));
        }

        @Test
        void splits_everything_merged_into_an_entry_by_its_id() throws Exception {
            MemoryService.Memorized again = memory.memorize(TEAM, MemoryLayer.FACT, "fact",
                    "The staging Redis port is 6380 !", "s3");
            assertThat(again).isInstanceOf(MemoryService.Memorized.Merged.class);
            MemoryService.Splitting done = memory.split(TEAM, kept.id().value());
            assertThat(done).isInstanceOfSatisfying(MemoryService.Splitting.Split.class, s ->
                    assertThat(s.restored()).hasSize(2));
            assertThat(store.stats(TEAM).facts()).isEqualTo(3);
        }

        @Test
        void refuses_unknown_malformed_foreign_and_unmerged_ids_in_one_sentence_and_changes_nothing()
                throws Exception {
            MemoryEntry theirs = fact(OTHER, "their fact");
            MemoryEntry plain = fact(TEAM, "the release train leaves on Thursdays");
            for (String id : List.of("deadbeef", "'; DROP TABLE memories; --", "", "ab", "../../etc",
                    theirs.id().shortForm(), merged.absorbed().id().value() + "00", "😀".repeat(40),
                    plain.id().shortForm())) {
                assertThat(memory.split(TEAM, id)).as(id).isInstanceOfSatisfying(
                        MemoryService.Splitting.Refused.class, r -> assertThat(r.message()).doesNotContain("\n")
                                .doesNotContainIgnoringCase("exception").hasSizeLessThan(200));
            }
            assertThat(memory.split(TEAM, "deadbeef")).isEqualTo(new MemoryService.Splitting.Refused("no memory"
                    + " deadbeef here; its id is the 8 characters shown in brackets, e.g. [L3 ab12cd34]"));
            assertThat(store.stats(TEAM)).isEqualTo(new MemoryStats(2, 0, 0, 0, 1));
            assertThat(store.get(OTHER, theirs.id()).orElseThrow().active()).isTrue();
        }

        @Test
        void a_merged_entry_is_split_not_forgotten() {
            assertThat(memory.forget(TEAM, merged.absorbed().id().shortForm(), "x"))
                    .isEqualTo(new MemoryService.Forgetting.Refused(merged.absorbed().id().shortForm()
                            + " is merged into " + kept.id().shortForm() + "; split it first, or forget that one"));
        }
    }

    @Nested
    class Recalling {
        @Test
        void recalls_within_the_namespace_only_and_counts_each_use_once() throws Exception {
            MemoryEntry redis = fact(TEAM, "Production Redis runs on redis-prod-3.internal port 6380");
            fact(OTHER, "Production Redis runs on redis-other.internal port 7000");
            MemoryService.Recall recall = memory.retrieve(TEAM, "which port does production redis use?");
            assertThat(recall.degraded()).isFalse();
            assertThat(recall.items()).extracting(r -> r.entry().id()).containsExactly(redis.id());
            assertThat(recall.items().getFirst().source()).isEqualTo("L2 " + redis.id().shortForm());
            assertThat(store.get(TEAM, redis.id()).orElseThrow().useCount()).isEqualTo(1);
            assertThat(recalled(OTHER, "production redis")).containsExactly(
                    "Production Redis runs on redis-other.internal port 7000");
        }

        @Test
        void keeps_to_the_quotas_and_puts_facts_before_procedures() throws Exception {
            for (int i = 1; i <= 5; i++) {
                fact(TEAM, "deploy fact number " + i + " about the deploy pipeline");
                memory.memorize(TEAM, MemoryLayer.PROCEDURE, "sop", "deploy procedure " + i + ": run the deploy"
                        + " pipeline step " + i, "s1");
            }
            List<Recalled> items = memory.retrieve(TEAM, "deploy pipeline").items();
            assertThat(items).extracting(r -> r.entry().layer()).containsExactly(MemoryLayer.FACT, MemoryLayer.FACT,
                    MemoryLayer.FACT, MemoryLayer.PROCEDURE, MemoryLayer.PROCEDURE);
        }

        @Test
        void treats_hostile_queries_as_words() throws Exception {
            fact(OTHER, "the secret is swordfish");
            for (String q : List.of("*:*", "ns:feishu\\:app\\:oc_other", "secret OR ns:*", "((((", "\u0000")) {
                assertThat(recalled(TEAM, q)).as(q).isEmpty();
                assertThat(memory.search(TEAM, q, Set.of(), 10)).as(q).isEmpty();
            }
        }

        @Test
        void a_failing_index_gives_a_degraded_recall_and_no_exception() throws Exception {
            fact(TEAM, "something to recall");
            index.close();
            MemoryService.Recall recall = memory.retrieve(TEAM, "anything at all");
            assertThat(recall.degraded()).isTrue();
            assertThat(recall.items()).isEmpty();
            assertThat(recall.problem()).startsWith("memory is degraded: ");
            index = LuceneMemoryIndex.open(dir.resolve("index"));
        }

        @Test
        void finds_an_archive_by_meaning_above_the_floor() throws Exception {
            memory.archive(TEAM, "s-old", "user: the nightly backup of the billing database failed again\n"
                    + "assistant: restored it from the snapshot");
            assertThat(recalled(TEAM, "billing database backup failed")).singleElement().asString()
                    .contains("nightly backup");
            assertThat(recalled(TEAM, "lunch menu for friday")).isEmpty();
        }

        @Test
        void an_empty_namespace_is_answered_without_embedding_the_message() throws Exception {
            int[] embedded = {0};
            memory = new MemoryService(store, index, Optional.of(new HashEmbedder() {
                @Override
                public List<float[]> embed(List<String> texts) {
                    embedded[0]++;
                    return super.embed(texts);
                }
            }), MemoryService.Quotas.DEFAULT, Clock.systemUTC());
            assertThat(memory.retrieve(TEAM, "anything").items()).isEmpty();
            assertThat(embedded[0]).isZero();
        }
    }

    @Nested
    class Forgetting {
        @Test
        void forgets_by_short_id_and_never_recalls_it_again() throws Exception {
            MemoryEntry e = fact(TEAM, "the release train leaves on Thursdays");
            MemoryService.Forgetting done = memory.forget(TEAM, e.id().shortForm(), "moved to Wednesdays");
            assertThat(done).isInstanceOf(MemoryService.Forgetting.Forgotten.class);
            assertThat(recalled(TEAM, "release train")).isEmpty();
            assertThat(store.get(TEAM, e.id()).orElseThrow().archiveReason()).isEqualTo("moved to Wednesdays");
            assertThat(memory.forget(TEAM, e.id().shortForm(), "again"))
                    .isEqualTo(new MemoryService.Forgetting.Refused(e.id().shortForm() + " is already forgotten"));
        }

        @Test
        void refuses_unknown_hostile_and_other_namespaces_ids() throws Exception {
            MemoryEntry theirs = fact(OTHER, "their fact");
            assertThat(memory.forget(TEAM, theirs.id().shortForm(), "x"))
                    .isInstanceOf(MemoryService.Forgetting.Refused.class);
            assertThat(memory.forget(TEAM, "'; DROP TABLE memories; --", "x"))
                    .isInstanceOf(MemoryService.Forgetting.Refused.class);
            assertThat(store.get(OTHER, theirs.id()).orElseThrow().active()).isTrue();
        }
    }

    @Nested
    class TheIndex {
        @Test
        void is_rebuilt_from_the_store_when_deleted_and_left_alone_when_in_step() throws Exception {
            MemoryEntry e = fact(TEAM, "the VPN gateway is vpn-gw-2.example.net");
            assertThat(memory.ensureIndex(n -> { })).isZero();
            index.close();
            java.nio.file.Files.walk(dir.resolve("index")).sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
            index = LuceneMemoryIndex.open(dir.resolve("index"));
            memory = new MemoryService(store, index, Optional.of(new HashEmbedder()), MemoryService.Quotas.DEFAULT,
                    Clock.systemUTC());
            assertThat(recalled(TEAM, "vpn gateway")).isEmpty();
            List<Long> progress = new java.util.ArrayList<>();
            assertThat(memory.ensureIndex(progress::add)).isEqualTo(1);
            assertThat(progress).containsExactly(1L);
            assertThat(recalled(TEAM, "vpn gateway")).containsExactly(e.content());
        }

        @Test
        void the_prompt_index_lists_recent_memories_within_its_caps() throws Exception {
            for (int i = 0; i < 40; i++) {
                fact(TEAM, "memory number " + i + " " + "x".repeat(200));
            }
            String prompt = memory.indexPrompt(TEAM);
            assertThat(prompt.lines()).hasSizeLessThanOrEqualTo(30).allMatch(l -> l.startsWith("[L2 "));
            assertThat(prompt.length()).isLessThanOrEqualTo(3_000);
            assertThat(memory.indexPrompt(OTHER)).isEmpty();
        }
    }
}
