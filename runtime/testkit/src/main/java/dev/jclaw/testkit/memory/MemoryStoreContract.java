package dev.jclaw.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} must do. An implementation's test extends this class and says how to open the
 * store on fresh storage, and how to reopen it on the same storage, as after a restart.
 */
public abstract class MemoryStoreContract {
    /** A user's namespace. */
    protected static final Namespace ALICE = new Namespace("cli:alice");
    /** Another user's. */
    protected static final Namespace BOB = new Namespace("cli:bob");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

    /** The store under test; the restart test replaces it. */
    protected MemoryStore store;

    /** Creates the suite. */
    protected MemoryStoreContract() {
    }

    /**
     * Opens a store on fresh, empty storage.
     *
     * @return the store
     * @throws Exception when it cannot be opened
     */
    protected abstract MemoryStore open() throws Exception;

    /**
     * Closes {@link #store} and opens one on the same storage; a store that keeps nothing returns {@link #store}.
     *
     * @return the store
     * @throws Exception when it cannot be reopened
     */
    protected abstract MemoryStore reopen() throws Exception;

    /** @return whether {@link #reopen()} keeps what was written */
    protected boolean durable() {
        return true;
    }

    /** Opens the store. */
    @BeforeEach
    protected void openStore() throws Exception {
        store = open();
    }

    /** Closes the store. */
    @AfterEach
    protected void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static MemoryEntry entry(Namespace ns, MemoryLayer layer, String content, int minutes) {
        Instant at = T0.plusSeconds(60L * minutes);
        return MemoryEntry.create(ns, layer, "note", content, "s-1", at);
    }

    /** Round trips and lookups. */
    @Nested
    class Basics {
        @Test
        void stores_and_reads_an_entry_exactly() {
            MemoryEntry e = store.insert(entry(ALICE, MemoryLayer.FACT, "the staging db is pg-stage-2", 0));
            assertThat(store.get(ALICE, e.id())).contains(e);
        }

        @Test
        void updates_content_status_and_reason_and_keeps_the_rest() {
            MemoryEntry e = store.insert(entry(ALICE, MemoryLayer.PROCEDURE, "deploy with make release", 0));
            MemoryEntry changed = store.update(e.withContent("deploy with make release && make tag",
                    T0.plusSeconds(600)));
            assertThat(changed.content()).isEqualTo("deploy with make release && make tag");
            assertThat(changed.created()).isEqualTo(e.created());
            assertThat(changed.updated()).isEqualTo(T0.plusSeconds(600));
            MemoryEntry gone = store.update(changed.archived("outdated since v2", T0.plusSeconds(900)));
            assertThat(gone.status()).isEqualTo(MemoryEntry.Status.ARCHIVED);
            assertThat(gone.archiveReason()).isEqualTo("outdated since v2");
            assertThat(store.get(ALICE, e.id())).contains(gone);
        }

        @Test
        void refuses_a_second_entry_with_the_same_id_and_an_update_of_an_unknown_one() {
            MemoryEntry e = store.insert(entry(ALICE, MemoryLayer.FACT, "one", 0));
            assertThatThrownBy(() -> store.insert(e)).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("exists already");
            MemoryEntry stranger = entry(ALICE, MemoryLayer.FACT, "two", 0);
            assertThatThrownBy(() -> store.update(stranger)).isInstanceOf(MemoryException.class)
                    .hasMessageContaining("no memory");
        }

        @Test
        void finds_by_id_prefix_and_ignores_prefixes_that_are_not_hex() {
            MemoryEntry e = store.insert(entry(ALICE, MemoryLayer.FACT, "x", 0));
            assertThat(store.byPrefix(ALICE, e.id().shortForm())).containsExactly(e);
            assertThat(store.byPrefix(ALICE, "%")).isEmpty();
            assertThat(store.byPrefix(ALICE, "' OR 1=1 --")).isEmpty();
            assertThat(store.byPrefix(ALICE, "ab")).isEmpty();
        }

        @Test
        void lists_newest_first_with_layer_status_and_limit_filters() {
            MemoryEntry a = store.insert(entry(ALICE, MemoryLayer.FACT, "a", 1));
            MemoryEntry b = store.insert(entry(ALICE, MemoryLayer.PROCEDURE, "b", 2));
            MemoryEntry c = store.insert(entry(ALICE, MemoryLayer.FACT, "c", 3));
            store.update(c.archived("wrong", T0.plusSeconds(240)));
            assertThat(store.list(ALICE, Set.of(), false, 10)).containsExactly(b, a);
            assertThat(store.list(ALICE, Set.of(MemoryLayer.FACT), true, 10)).extracting(MemoryEntry::id)
                    .containsExactly(c.id(), a.id());
            assertThat(store.list(ALICE, Set.of(), true, 1)).hasSize(1);
        }

        @Test
        void counts_use_and_per_layer_stats() {
            MemoryEntry a = store.insert(entry(ALICE, MemoryLayer.FACT, "a", 0));
            store.insert(entry(ALICE, MemoryLayer.PROCEDURE, "b", 0));
            MemoryEntry c = store.insert(entry(ALICE, MemoryLayer.ARCHIVE, "c", 0));
            store.update(c.archived("x", T0));
            store.markUsed(ALICE, List.of(a.id()), T0.plusSeconds(5));
            store.markUsed(ALICE, List.of(a.id()), T0.plusSeconds(9));
            MemoryEntry used = store.get(ALICE, a.id()).orElseThrow();
            assertThat(used.useCount()).isEqualTo(2);
            assertThat(used.lastUsed()).contains(T0.plusSeconds(9));
            assertThat(store.stats(ALICE)).isEqualTo(new MemoryStats(1, 1, 0, 1, 0));
        }

        @Test
        void has_a_fingerprint_that_changes_with_every_write_and_walks_every_entry() {
            MemoryStore.Fingerprint empty = store.fingerprint();
            MemoryEntry a = store.insert(entry(ALICE, MemoryLayer.FACT, "a", 0));
            MemoryStore.Fingerprint one = store.fingerprint();
            store.update(a.withContent("a2", T0.plusSeconds(1)));
            MemoryStore.Fingerprint two = store.fingerprint();
            store.insert(entry(BOB, MemoryLayer.FACT, "b", 0));
            assertThat(List.of(empty, one, two, store.fingerprint())).doesNotHaveDuplicates();
            assertThat(store.fingerprint().entries()).isEqualTo(2);
            List<MemoryEntry> all = new ArrayList<>();
            store.forEach(all::add);
            assertThat(all).extracting(MemoryEntry::content).containsExactlyInAnyOrder("a2", "b");
        }
    }

    /** A merged near duplicate is kept, linked to its survivor, and can be split back out. */
    @Nested
    class Merging {
        MemoryEntry survivor;
        MemoryEntry absorbed;

        @BeforeEach
        void mergeOne() {
            survivor = store.insert(entry(ALICE, MemoryLayer.FACT, "Daniel owns the PagerDuty contract", 0));
            absorbed = entry(ALICE, MemoryLayer.FACT, "Daniel is the PagerDuty contract owner", 1)
                    .mergeInto(survivor.id(), T0.plusSeconds(120));
            store.merge(survivor.withContent("Daniel owns the PagerDuty contract, renewed every August",
                    T0.plusSeconds(120)), absorbed);
        }

        @Test
        void keeps_the_merged_text_linked_to_the_survivor_out_of_the_active_entries() {
            assertThat(store.get(ALICE, survivor.id()).orElseThrow().content())
                    .isEqualTo("Daniel owns the PagerDuty contract, renewed every August");
            assertThat(store.get(ALICE, absorbed.id())).contains(absorbed);
            assertThat(store.mergedInto(ALICE, survivor.id())).containsExactly(absorbed);
            assertThat(store.list(ALICE, Set.of(), false, 10)).extracting(MemoryEntry::id)
                    .containsExactly(survivor.id());
            assertThat(store.list(ALICE, Set.of(), true, 10)).extracting(MemoryEntry::id)
                    .containsExactlyInAnyOrder(survivor.id(), absorbed.id());
            assertThat(store.stats(ALICE)).isEqualTo(new MemoryStats(1, 0, 0, 0, 1));
            assertThat(store.fingerprint().entries()).isEqualTo(2);
        }

        @Test
        void splits_back_into_an_active_entry_of_its_own_that_survives_a_reopen() throws Exception {
            MemoryEntry split = store.update(absorbed.split(T0.plusSeconds(300)));
            assertThat(split.active()).isTrue();
            assertThat(split.mergedInto()).isEmpty();
            assertThat(split.content()).isEqualTo("Daniel is the PagerDuty contract owner");
            assertThat(store.mergedInto(ALICE, survivor.id())).isEmpty();
            assertThat(store.stats(ALICE)).isEqualTo(new MemoryStats(2, 0, 0, 0, 0));
            store = reopen();
            if (durable()) {
                assertThat(store.get(ALICE, absorbed.id())).contains(split);
            }
        }

        @Test
        void keeps_a_merge_across_a_reopen() throws Exception {
            store = reopen();
            if (durable()) {
                assertThat(store.mergedInto(ALICE, survivor.id())).containsExactly(absorbed);
            }
        }

        @Test
        void writes_nothing_when_the_survivor_is_unknown_forgotten_or_of_another_namespace() {
            MemoryEntry stranger = entry(ALICE, MemoryLayer.FACT, "no such entry", 0);
            MemoryEntry orphan = entry(ALICE, MemoryLayer.FACT, "an orphan", 0).mergeInto(stranger.id(), T0);
            assertThatThrownBy(() -> store.merge(stranger, orphan)).isInstanceOf(MemoryException.class);
            MemoryEntry bobs = store.insert(entry(BOB, MemoryLayer.FACT, "bob's fact", 0));
            MemoryEntry intruder = new MemoryEntry(bobs.id(), ALICE, bobs.layer(), bobs.type(), bobs.content(), "",
                    T0, T0, 0, Optional.empty(), MemoryEntry.Status.ACTIVE, "", Optional.empty());
            MemoryEntry sneaked = entry(ALICE, MemoryLayer.FACT, "sneaked in", 0).mergeInto(bobs.id(), T0);
            assertThatThrownBy(() -> store.merge(intruder, sneaked)).isInstanceOf(MemoryException.class);
            MemoryEntry gone = store.insert(entry(ALICE, MemoryLayer.FACT, "gone", 0));
            store.update(gone.archived("wrong", T0));
            MemoryEntry late = entry(ALICE, MemoryLayer.FACT, "late", 0).mergeInto(gone.id(), T0);
            assertThatThrownBy(() -> store.merge(gone, late)).isInstanceOf(MemoryException.class);
            assertThat(List.of(orphan, sneaked, late)).allSatisfy(e -> assertThat(store.get(ALICE, e.id())).isEmpty());
            assertThat(store.get(BOB, bobs.id()).orElseThrow().content()).isEqualTo("bob's fact");
            assertThat(store.get(ALICE, gone.id()).orElseThrow().active()).isFalse();
        }

        @Test
        void refuses_a_merge_that_is_not_linked_to_the_survivor() {
            MemoryEntry loose = entry(ALICE, MemoryLayer.FACT, "loose", 0);
            assertThatThrownBy(() -> store.merge(survivor, loose)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.get(ALICE, loose.id())).isEmpty();
        }
    }

    /** No read crosses namespaces. */
    @Nested
    class Namespaces {
        @Test
        void never_returns_another_namespaces_entry() {
            MemoryEntry secret = store.insert(entry(BOB, MemoryLayer.FACT, "bob's password hint", 0));
            assertThat(store.get(ALICE, secret.id())).isEmpty();
            assertThat(store.byPrefix(ALICE, secret.id().shortForm())).isEmpty();
            assertThat(store.list(ALICE, Set.of(), true, 100)).isEmpty();
            assertThat(store.stats(ALICE)).isEqualTo(new MemoryStats(0, 0, 0, 0, 0));
            store.markUsed(ALICE, List.of(secret.id()), T0);
            assertThat(store.get(BOB, secret.id()).orElseThrow().useCount()).isZero();
            assertThatThrownBy(() -> store.update(new MemoryEntry(secret.id(), ALICE, secret.layer(), secret.type(),
                    "taken over", "", T0, T0, 0, Optional.empty(), MemoryEntry.Status.ACTIVE, "", Optional.empty())))
                    .isInstanceOf(MemoryException.class);
            assertThat(store.get(BOB, secret.id()).orElseThrow().content()).isEqualTo("bob's password hint");
        }

        @Test
        void keeps_namespaces_that_look_like_sql_or_wildcards_apart() {
            Namespace odd = new Namespace("web:' OR '1'='1");
            Namespace star = new Namespace("web:%");
            store.insert(entry(odd, MemoryLayer.FACT, "odd", 0));
            store.insert(entry(ALICE, MemoryLayer.FACT, "alice", 0));
            assertThat(store.list(star, Set.of(), true, 10)).isEmpty();
            assertThat(store.list(odd, Set.of(), true, 10)).extracting(MemoryEntry::content).containsExactly("odd");
        }
    }

    /** What the store holds survives, and concurrent writers do not lose entries. */
    @Nested
    class Durability {
        @Test
        void keeps_entries_content_with_every_kind_of_character_across_a_reopen() throws Exception {
            String text = "混合 text with 'quotes', \"double\", back\\slash, emoji 😀, tabs\tand\nnew lines; DROP TABLE x;";
            MemoryEntry e = store.insert(entry(ALICE, MemoryLayer.FACT, text, 0));
            store = reopen();
            if (durable()) {
                assertThat(store.get(ALICE, e.id())).contains(e);
            }
        }

        @Test
        void loses_no_entry_to_concurrent_writers() throws Exception {
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<MemoryEntry>> writes = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> store.insert(entry(ALICE, MemoryLayer.FACT, "fact " + n, n))));
                }
                for (Future<MemoryEntry> w : writes) {
                    w.get();
                }
            }
            assertThat(store.stats(ALICE).facts()).isEqualTo(64);
            assertThat(store.fingerprint().entries()).isEqualTo(64);
        }
    }
}
