package dev.jclaw.memory.lucene;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How memory text becomes terms. Two fields: {@code text}, by smartcn — Chinese words found by its dictionary,
 * English words lower-cased and stemmed — with Chinese and English stop words; and {@code ids}, identifiers kept
 * whole ({@code redis-prod-3.internal}, {@code E1234}, {@code v2.4.1}), which smartcn would split.
 */
final class Analyzers {
    static final String TEXT = "text";
    static final String IDS = "ids";
    /** Chinese function words smartcn's own stop set (mostly punctuation) leaves in. */
    private static final List<String> CHINESE_STOP = List.of("的", "了", "和", "是", "就", "都", "而", "及", "与",
            "着", "或", "一个", "没有", "我们", "你们", "他们", "她们", "它们", "我", "你", "他", "她", "它", "这",
            "那", "这个", "那个", "哪", "哪个", "哪些", "什么", "怎么", "怎样", "如何", "为什么", "吗", "呢", "吧",
            "啊", "呀", "哦", "嗯", "在", "有", "也", "还", "又", "被", "把", "让", "给", "对", "从", "向", "到",
            "以", "之", "于", "请", "要", "会", "能", "可以", "应该", "需要", "一下", "一些", "这些", "那些",
            "是否", "吗？", "谁", "多少", "几");
    /** English words that say nothing of a memory's subject, beyond Lucene's short list. */
    private static final List<String> ENGLISH_STOP = List.of("i", "me", "my", "we", "our", "you", "your", "he",
            "she", "it", "its", "they", "them", "their", "what", "which", "who", "whom", "whose", "when", "where",
            "why", "how", "do", "does", "did", "done", "doing", "am", "is", "are", "was", "were", "be", "been",
            "being", "have", "has", "had", "having", "can", "could", "should", "would", "will", "shall", "may",
            "might", "must", "about", "from", "up", "down", "out", "over", "under", "again", "here", "there", "all",
            "any", "some", "each", "so", "than", "too", "very", "just", "also", "please", "tell", "know", "our's");

    private Analyzers() {
    }

    /** @return the analyzer for writing and for queries: per-field smartcn text and whole identifiers */
    static Analyzer memory() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stop.addAll(CHINESE_STOP);
        stop.addAll(ENGLISH_STOP);
        Analyzer text = new SmartChineseAnalyzer(CharArraySet.unmodifiableSet(stop));
        return new PerFieldAnalyzerWrapper(text, java.util.Map.of(IDS, identifiers()));
    }

    /** Identifiers: runs of letters, digits and . _ - : / with at least one digit or inner punctuation. */
    private static Analyzer identifiers() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new PatternTokenizer(
                        java.util.regex.Pattern.compile("[\\p{IsLatin}\\p{Nd}][\\p{IsLatin}\\p{Nd}._:/-]*[\\p{IsLatin}\\p{Nd}]"
                                + "|\\p{Nd}+"), 0);
                TokenStream filtered = new org.apache.lucene.analysis.FilteringTokenFilter(new LowerCaseFilter(source)) {
                    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

                    @Override
                    protected boolean accept() {
                        for (int i = 0; i < term.length(); i++) {
                            char c = term.charAt(i);
                            if (Character.isDigit(c) || c == '.' || c == '_' || c == '-' || c == ':' || c == '/') {
                                return true;
                            }
                        }
                        return false; // a plain word: the text field has it, stemmed
                    }
                };
                return new TokenStreamComponents(source, filtered);
            }
        };
    }

    /**
     * The distinct terms of a text in one field, in order of first appearance, at most {@code max}.
     *
     * @param analyzer the analyzer
     * @param field the field
     * @param text the text
     * @param max the most terms
     * @return the terms
     */
    static List<String> terms(Analyzer analyzer, String field, String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (terms.size() < max && stream.incrementToken()) {
                terms.add(term.toString().toLowerCase(Locale.ROOT));
            }
            stream.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String cannot fail
        }
        return new ArrayList<>(terms);
    }
}
