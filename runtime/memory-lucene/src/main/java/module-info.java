/**
 * The memory index over Lucene — BM25 full text with the smartcn analyzer for mixed Chinese and English, HNSW
 * vectors — and sentence embeddings that run in this process on ONNX models shipped as Maven artifacts. The only
 * module that imports Lucene and the embedding models.
 */
module dev.jclaw.memory.lucene {
    requires transitive dev.jclaw.core;
    requires org.apache.lucene.core;
    requires org.apache.lucene.analysis.common;
    requires org.apache.lucene.analysis.smartcn;
    // automatic modules: the jars carry no module descriptor
    requires langchain4j.core;
    requires langchain4j.embeddings;
    requires langchain4j.embeddings.bge.small.zh.v15.q;
    requires langchain4j.embeddings.all.minilm.l6.v2.q;

    exports dev.jclaw.memory.lucene;
}
