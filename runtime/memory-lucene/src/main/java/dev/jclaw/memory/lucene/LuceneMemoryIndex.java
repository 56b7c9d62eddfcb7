package dev.jclaw.memory.lucene;

import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryIndex;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.storage.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

/**
 * The memory index in a directory on disk: BM25 over the smartcn-analysed text and the whole identifiers of each
 * entry, and an HNSW graph of its vector (cosine). Searches are always filtered to one namespace and to active
 * entries; the query is analysed into terms, never parsed, so Lucene syntax in it is just text.
 *
 * <p>An index that cannot be opened (missing files, a corrupted segment, another version's format) is logged, wiped
 * and started empty: its {@link #syncState()} is then empty and the memory service rebuilds it from the store.
 *
 * <p>Thread-safety: safe for concurrent use; writes are visible to searches after the next {@link #commit}.
 */
public final class LuceneMemoryIndex implements MemoryIndex {
    private static final System.Logger LOG = System.getLogger(LuceneMemoryIndex.class.getName());
    private static final String ID = "id";
    private static final String NAMESPACE = "ns";
    private static final String LAYER = "layer";
    private static final String ACTIVE = "active";
    private static final String VECTOR = "vec";
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.COSINE;
    private static final String STORE_ENTRIES = "store.entries";
    private static final String STORE_CHECKSUM = "store.checksum";
    private static final String EMBEDDING_MODEL = "embedding.model";
    /**
     * Bumped whenever the vectors of the same model change, so that an index of older vectors is re-embedded:
     * 2 — bge-small-zh sees lower-cased text.
     */
    private static final String VECTORS = "vectors.version";
    private static final String VECTORS_VERSION = "2";
    /**
     * Namespaces of at most this many entries are searched by an exact scan of their vectors rather than the HNSW
     * graph: the graph serves one large namespace well but wanders through the others' nodes when the filter is
     * narrow, while a scan of a sorted, contiguous run of 20,000 vectors takes about a millisecond.
     */
    static final int EXACT_SCAN_LIMIT = 20_000;

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = Analyzers.memory();
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** Whether searches translate; the glossary itself loads on the first search that needs it. */
    private final boolean translate;

    private LuceneMemoryIndex(Path path, Directory directory, IndexWriter writer, boolean translate)
            throws IOException {
        this.path = path;
        this.translate = translate;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                // no query cache: a namespace is a contiguous run in the sorted index, cheaper to read than to
                // cache, and caching the filters of hundreds of namespaces would churn on every commit
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setQueryCache(null);
                return searcher;
            }
        });
    }

    /**
     * Opens the index in a directory, creating it when absent and starting afresh when it cannot be read.
     *
     * @param path the directory
     * @return the index
     * @throws MemoryException when the directory cannot be written at all
     */
    public static LuceneMemoryIndex open(Path path) {
        return open(path, true);
    }

    /**
     * Opens the index in a directory, creating it when absent and starting afresh when it cannot be read.
     *
     * @param path the directory
     * @param translate whether a full-text search also looks for the words of the other language (Chinese for
     *                  English, English for Chinese) by the bundled glossary
     * @return the index
     * @throws MemoryException when the directory cannot be written at all
     */
    public static LuceneMemoryIndex open(Path path, boolean translate) {
        try {
            OwnerOnly.directory(path);
            try {
                return openWith(path, IndexWriterConfig.OpenMode.CREATE_OR_APPEND, translate);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "the memory index in " + path + " could not be read (" + e
                        + "); starting it afresh, it is rebuilt from the memory store");
                wipe(path);
                return openWith(path, IndexWriterConfig.OpenMode.CREATE, translate);
            }
        } catch (IOException e) {
            throw new MemoryException("the memory index in " + path + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Removes the files of an index that cannot be read; the directory itself stays. */
    private static void wipe(Path path) throws IOException {
        try (var files = Files.list(path)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f);
                }
            }
        }
    }

    private static LuceneMemoryIndex openWith(Path path, IndexWriterConfig.OpenMode mode, boolean translate)
            throws IOException {
        Directory directory = OwnerOnlyDirectory.open(path);
        try {
            // sorted by namespace: a search reads one contiguous run of documents per segment
            IndexWriterConfig config = new IndexWriterConfig(Analyzers.memory()).setOpenMode(mode)
                    .setCommitOnClose(false).setIndexSort(new Sort(new SortField(NAMESPACE, SortField.Type.STRING)))
                    .setCodec(codec());
            IndexWriter writer = new IndexWriter(directory, config);
            if (mode == IndexWriterConfig.OpenMode.CREATE) {
                writer.commit(); // the wiped index replaces the broken one on disk at once
            }
            return new LuceneMemoryIndex(path, directory, writer, translate);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /**
     * The default codec with int8-quantised vectors (7 bits per dimension beside the floats): a search reads a
     * quarter of the bytes, which matters once the vectors outgrow the page cache.
     */
    private static Codec codec() {
        KnnVectorsFormat quantised = new Lucene99HnswScalarQuantizedVectorsFormat();
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return quantised;
            }
        };
    }

    @Override
    public void put(Doc doc) {
        Document d = new Document();
        d.add(new StringField(ID, doc.id().value(), Field.Store.YES));
        d.add(new StringField(NAMESPACE, doc.namespace().value(), Field.Store.NO));
        d.add(new SortedDocValuesField(NAMESPACE, new BytesRef(doc.namespace().value())));
        d.add(new StringField(LAYER, doc.layer().name(), Field.Store.YES));
        d.add(new StringField(ACTIVE, doc.active() ? "1" : "0", Field.Store.NO));
        d.add(new TextField(Analyzers.TEXT, doc.text(), Field.Store.NO));
        d.add(new TextField(Analyzers.IDS, doc.text(), Field.Store.NO));
        doc.vector().ifPresent(v -> d.add(new KnnFloatVectorField(VECTOR, v, SIMILARITY)));
        try {
            writer.updateDocument(new Term(ID, doc.id().value()), d);
            dirty.set(true);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new MemoryException("the memory index could not take entry " + doc.id().shortForm() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void delete(MemoryId id) {
        try {
            writer.deleteDocuments(new Term(ID, id.value()));
            dirty.set(true);
        } catch (IOException | IllegalStateException e) {
            throw new MemoryException("the memory index could not drop entry " + id.shortForm(), e);
        }
    }

    @Override
    public void commit(SyncState state) {
        Map<String, String> data = new HashMap<>();
        data.put(STORE_ENTRIES, Long.toString(state.store().entries()));
        data.put(STORE_CHECKSUM, Long.toString(state.store().checksum()));
        data.put(EMBEDDING_MODEL, state.embeddingModel());
        data.put(VECTORS, VECTORS_VERSION);
        try {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            dirty.set(false);
        } catch (IOException | IllegalStateException e) {
            throw new MemoryException("the memory index in " + path + " could not be committed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SyncState> syncState() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        try {
            return Optional.of(new SyncState(new MemoryStore.Fingerprint(Long.parseLong(data.get(STORE_ENTRIES)),
                    Long.parseLong(data.get(STORE_CHECKSUM))), VECTORS_VERSION.equals(data.get(VECTORS))
                    ? data.getOrDefault(EMBEDDING_MODEL, "") : "older vectors"));
        } catch (NumberFormatException e) { // absent (null) or not ours
            return Optional.empty();
        }
    }

    @Override
    public void clear() {
        try {
            writer.deleteAll();
            writer.setLiveCommitData(Map.<String, String>of().entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            dirty.set(false);
        } catch (IOException | IllegalStateException e) {
            throw new MemoryException("the memory index in " + path + " could not be cleared: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Hit> text(Namespace namespace, Set<MemoryLayer> layers, String query, int limit) {
        Optional<Query> words = limit <= 0 ? Optional.empty() : TextQuery.of(analyzer, query, translate ? Glossary.bundled() : null);
        if (words.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(words.get(), BooleanClause.Occur.MUST);
        Query text = filtered(q, namespace, layers).build();
        return search(searcher -> searcher.search(text, limit).scoreDocs, false);
    }

    /** The query followed by its words in the other language, when the glossary knows them. */
    @Override
    public String embeddingText(String query) {
        String translation = translate ? TextQuery.translation(analyzer, query, Glossary.bundled()) : "";
        return translation.isEmpty() ? query : query + " " + translation;
    }

    @Override
    public List<Hit> nearest(Namespace namespace, Set<MemoryLayer> layers, float[] query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Query filter = filtered(new BooleanQuery.Builder(), namespace, layers).build();
        int candidates = VectorScan.candidates(limit);
        return search(searcher -> VectorScan.rescored(searcher, VECTOR, query, SIMILARITY,
                searcher.getIndexReader().docFreq(new Term(NAMESPACE, namespace.value())) <= EXACT_SCAN_LIMIT
                        ? VectorScan.nearest(searcher, VECTOR, query, filter, candidates)
                        : searcher.search(new KnnFloatVectorQuery(VECTOR, query, candidates, filter), candidates)
                        .scoreDocs, limit), true);
    }

    private static BooleanQuery.Builder filtered(BooleanQuery.Builder q, Namespace namespace, Set<MemoryLayer> layers) {
        q.add(new TermQuery(new Term(NAMESPACE, namespace.value())), BooleanClause.Occur.FILTER);
        q.add(new TermQuery(new Term(ACTIVE, "1")), BooleanClause.Occur.FILTER);
        if (!layers.isEmpty() && layers.size() < MemoryLayer.values().length) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            layers.forEach(l -> any.add(new TermQuery(new Term(LAYER, l.name())), BooleanClause.Occur.SHOULD));
            q.add(any.build(), BooleanClause.Occur.FILTER);
        }
        return q;
    }

    /** One way of finding the best documents. */
    private interface Finder {
        ScoreDoc[] find(IndexSearcher searcher) throws IOException;
    }

    private List<Hit> search(Finder finder, boolean cosine) {
        IndexSearcher searcher;
        try {
            if (dirty.get()) {
                searchers.maybeRefresh(); // writes not yet committed are seen too
            }
            searcher = searchers.acquire();
        } catch (IOException | IllegalStateException e) { // IllegalStateException: closed
            throw new MemoryException("the memory index could not be searched: " + e.getMessage(), e);
        }
        try {
            ScoreDoc[] top = finder.find(searcher);
            StoredFields stored = searcher.storedFields();
            List<Hit> hits = new ArrayList<>(top.length);
            for (ScoreDoc sd : top) {
                Document d = stored.document(sd.doc, Set.of(ID, LAYER));
                // Lucene scores cosine as (1 + cos) / 2; hand back the cosine itself
                double score = cosine ? 2.0 * sd.score - 1.0 : sd.score;
                hits.add(new Hit(new MemoryId(d.get(ID)), MemoryLayer.valueOf(d.get(LAYER)), score));
            }
            return hits;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new MemoryException("the memory index could not be searched: " + e.getMessage(), e);
        } finally {
            try {
                searchers.release(searcher);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "releasing a memory index searcher failed", e);
            }
        }
    }

    /**
     * Waits for the segment merges running in the background to finish and commits them unless writes are pending,
     * for a steady index after a bulk load.
     *
     * @return the number of segments afterwards
     */
    public int settle() {
        try {
            writer.maybeMerge();
            if (writer.getConfig().getMergeScheduler() instanceof ConcurrentMergeScheduler merges) {
                merges.sync();
            }
            if (!dirty.get()) {
                writer.commit(); // keeps the merged segments; the sync state stays as it was
            }
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().leaves().size();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | IllegalStateException e) {
            throw new MemoryException("the memory index in " + path + " could not be merged: " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return writer.getDocStats().numDocs;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.rollback(); // what was not committed is rebuilt from the store next time
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the memory index in " + path + " failed", e);
        } finally {
            try {
                directory.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the memory index directory failed", e);
            }
        }
    }
}
