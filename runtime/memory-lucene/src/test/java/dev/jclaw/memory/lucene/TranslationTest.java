package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryIndex;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking memory in the other language: the glossary's words in full-text search and in the embedded query. */
class TranslationTest {
    static final Namespace TEAM = new Namespace("feishu:app:oc_team");
    static final Namespace OTHER = new Namespace("feishu:app:oc_other");

    @TempDir
    Path dir;

    @Test
    void the_glossary_translates_both_ways_and_knows_nothing_of_made_up_words() {
        Glossary glossary = Glossary.bundled();
        assertThat(glossary.translate(List.of("数据库", "迁移"), "")).contains("database", "migrate");
        assertThat(glossary.translate(List.of(), "the Berlin office")).contains("柏林", "办公室");
        assertThat(glossary.translate(List.of("咕噜咕噜哇"), "zorblax qwfp")).isEmpty();
        assertThat(glossary.translate(List.of("的", "数"), "")).isEmpty(); // single characters are too ambiguous
    }

    @Test
    void a_question_in_one_language_finds_a_fact_written_in_the_other_but_only_with_the_glossary() {
        try (LuceneMemoryIndex on = index("on", true); LuceneMemoryIndex off = index("off", false)) {
            for (LuceneMemoryIndex index : List.of(on, off)) {
                put(index, TEAM, "The Berlin office is on the 4th floor of Torstrasse 140.");
                put(index, TEAM, "数据库迁移统一用 Flyway，不用 Liquibase。");
                put(index, OTHER, "The Berlin office of the other team is in Kreuzberg.");
                index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(3, 3), "none"));
            }
            assertThat(texts(on, "柏林办公室的地址是什么？")).singleElement().asString().contains("Torstrasse");
            assertThat(texts(on, "which tool do we use for database migration")).singleElement().asString()
                    .contains("Flyway");
            assertThat(texts(off, "柏林办公室的地址是什么？")).isEmpty();
            assertThat(texts(off, "which tool do we use for database migration")).isEmpty();
        }
    }

    @Test
    void a_translated_word_weighs_less_than_the_word_the_user_wrote() {
        try (LuceneMemoryIndex index = index("weights", true)) {
            put(index, TEAM, "The database backup runs nightly.");
            put(index, TEAM, "数据库备份每晚运行。");
            index.commit(new MemoryIndex.SyncState(new MemoryStore.Fingerprint(2, 2), "none"));
            assertThat(texts(index, "数据库备份")).first().asString().startsWith("数据库");
            assertThat(texts(index, "database backup")).first().asString().startsWith("The database");
        }
    }

    @Test
    void the_embedded_query_carries_the_translation_and_hostile_text_stays_text() {
        try (LuceneMemoryIndex index = index("embedding", true);
             LuceneMemoryIndex plain = index("plain", false)) {
            assertThat(index.embeddingText("柏林办公室")).startsWith("柏林办公室 ").contains("berlin", "office");
            assertThat(index.embeddingText("zorblax")).isEqualTo("zorblax");
            assertThat(plain.embeddingText("柏林办公室")).isEqualTo("柏林办公室");
            String hostile = "title:(*:* OR 数据库) AND \\\" ~2 ^9 " + "数据库 ".repeat(2_000);
            assertThat(index.embeddingText(hostile)).startsWith(hostile).contains("database");
            assertThat(index.text(TEAM, Set.of(), hostile, 5)).isEmpty();
        }
    }

    LuceneMemoryIndex index(String name, boolean translate) {
        return LuceneMemoryIndex.open(dir.resolve(name), translate);
    }

    final java.util.Map<MemoryId, String> texts = new java.util.HashMap<>();

    void put(LuceneMemoryIndex index, Namespace ns, String text) {
        MemoryId id = MemoryId.random();
        texts.put(id, text);
        index.put(new MemoryIndex.Doc(id, ns, MemoryLayer.FACT, text, Optional.empty(), true));
    }

    List<String> texts(LuceneMemoryIndex index, String query) {
        return index.text(TEAM, Set.of(), query, 5).stream().map(h -> texts.get(h.id())).toList();
    }
}
