package dev.jclaw.memory.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ConjunctionUtils;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.VectorScorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Exact nearest-neighbour search: scores the vector of every document the filter accepts. For a namespace of a few
 * thousand entries inside a large index this beats the HNSW graph, which would wander through other namespaces'
 * nodes before giving up: the index is sorted by namespace, so the scan reads one contiguous run of vectors per
 * segment. The scan (like the graph) compares the int8-quantised vectors; {@link #rescored} puts the full-precision
 * similarity on the best of them.
 */
final class VectorScan {
    private VectorScan() {
    }

    /** How many candidates a search takes from the quantised vectors for each result wanted, before rescoring. */
    static int candidates(int limit) {
        return Math.max(2 * limit, limit + 10);
    }

    /**
     * Scores candidates by their full-precision vectors.
     *
     * @param searcher the searcher they came from
     * @param field the vector field
     * @param target the query vector
     * @param similarity the field's similarity function
     * @param found the candidates, in any order
     * @param limit at most this many
     * @return the best first
     * @throws IOException when the index cannot be read
     */
    static ScoreDoc[] rescored(IndexSearcher searcher, String field, float[] target,
                               VectorSimilarityFunction similarity, ScoreDoc[] found, int limit) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        ScoreDoc[] byDoc = found.clone();
        Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
        List<ScoreDoc> out = new ArrayList<>(byDoc.length);
        int leafIndex = -1;
        FloatVectorValues values = null;
        KnnVectorValues.DocIndexIterator docs = null;
        for (ScoreDoc d : byDoc) {
            int i = ReaderUtil.subIndex(d.doc, leaves);
            if (i != leafIndex) {
                leafIndex = i;
                values = leaves.get(i).reader().getFloatVectorValues(field);
                docs = values == null ? null : values.iterator();
            }
            int doc = d.doc - leaves.get(i).docBase;
            if (docs != null && docs.docID() < doc && docs.advance(doc) == doc) {
                out.add(new ScoreDoc(d.doc, similarity.compare(target, values.vectorValue(docs.index()))));
            }
        }
        out.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return out.subList(0, Math.min(limit, out.size())).toArray(ScoreDoc[]::new);
    }

    /**
     * The best documents by vector similarity among those the filter accepts.
     *
     * @param searcher the searcher
     * @param field the vector field
     * @param target the query vector
     * @param filter which documents may be returned
     * @param limit at most this many
     * @return the best first, scored by the field's similarity function
     * @throws IOException when the index cannot be read
     */
    static ScoreDoc[] nearest(IndexSearcher searcher, String field, float[] target, Query filter, int limit)
            throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        PriorityQueue<ScoreDoc> best = new PriorityQueue<>(limit + 1,
                (a, b) -> a.score != b.score ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc));
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(field);
            Scorer accepted = values == null ? null : weight.scorer(leaf);
            VectorScorer scorer = accepted == null ? null : values.scorer(target);
            if (scorer == null) {
                continue;
            }
            DocIdSetIterator both = ConjunctionUtils.intersectIterators(List.of(accepted.iterator(),
                    scorer.iterator()));
            Bits live = leaf.reader().getLiveDocs();
            for (int doc = both.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = both.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float score = scorer.score();
                if (best.size() < limit) {
                    best.add(new ScoreDoc(leaf.docBase + doc, score));
                } else if (score > best.peek().score) {
                    best.poll();
                    best.add(new ScoreDoc(leaf.docBase + doc, score));
                }
            }
        }
        ScoreDoc[] top = new ScoreDoc[best.size()];
        for (int i = top.length - 1; i >= 0; i--) {
            top[i] = best.poll();
        }
        return top;
    }
}
