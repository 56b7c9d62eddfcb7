package dev.jclaw.memory.lucene;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The BM25 query for a user's words: each term of the text field and each whole identifier, any of them matching;
 * with a glossary, also the words of the other language at a lower weight. The text is analysed into terms and never
 * parsed, so Lucene syntax in it is only text.
 */
final class TextQuery {
    /** The longest query text analysed, and the most terms taken from it. */
    static final int MAX_CHARS = 4_000;
    static final int MAX_TERMS = 64;
    /**
     * The translations of one word added to the embedded text: the first only. More blur the query's meaning; on the
     * retrieval set 1, 2 and all of them gave recall@3 0.85, 0.84 and 0.84 overall, 0.56, 0.56 and 0.52 across
     * languages.
     */
    static final int EMBEDDED_TRANSLATIONS = 1;
    /** The weight of a translated word against a word the user wrote. */
    static final float TRANSLATION_WEIGHT = 0.5f;

    private TextQuery() {
    }

    /**
     * The words of the other language for a text, the first translation of each word, for a search that cannot
     * translate by itself (a monolingual embedding model).
     *
     * @param analyzer the memory analyzer
     * @param text the user's words
     * @param glossary the glossary
     * @return the translated words, separated by spaces; empty when none
     */
    static String translation(Analyzer analyzer, String text, Glossary glossary) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return String.join(" ", glossary.translate(Analyzers.terms(analyzer, Analyzers.TEXT, cut, MAX_TERMS), cut,
                EMBEDDED_TRANSLATIONS));
    }

    /**
     * Builds the query.
     *
     * @param analyzer the memory analyzer
     * @param text the user's words
     * @param glossary the words of the other language, or null for none
     * @return the query, or empty when the text has no searchable term
     */
    static Optional<Query> of(Analyzer analyzer, String text, Glossary glossary) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        List<String> own = Analyzers.terms(analyzer, Analyzers.TEXT, cut, MAX_TERMS);
        List<String> ids = Analyzers.terms(analyzer, Analyzers.IDS, cut, MAX_TERMS);
        own.forEach(t -> words.add(new TermQuery(new Term(Analyzers.TEXT, t)), BooleanClause.Occur.SHOULD));
        ids.forEach(t -> words.add(new TermQuery(new Term(Analyzers.IDS, t)), BooleanClause.Occur.SHOULD));
        if (own.isEmpty() && ids.isEmpty()) {
            return Optional.empty();
        }
        if (glossary != null) {
            Set<String> seen = new HashSet<>(own);
            String translated = String.join(" ", glossary.translate(own, cut));
            for (String t : Analyzers.terms(analyzer, Analyzers.TEXT, translated, MAX_TERMS)) {
                if (seen.add(t)) {
                    words.add(new BoostQuery(new TermQuery(new Term(Analyzers.TEXT, t)), TRANSLATION_WEIGHT),
                            BooleanClause.Occur.SHOULD);
                }
            }
        }
        return Optional.of(words.build());
    }
}
