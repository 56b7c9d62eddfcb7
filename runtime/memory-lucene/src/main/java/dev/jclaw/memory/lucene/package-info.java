/**
 * {@link dev.jclaw.memory.lucene.LuceneMemoryIndex}, the memory index on disk, and
 * {@link dev.jclaw.memory.lucene.OnnxEmbedder}, embeddings that work offline.
 */
package dev.jclaw.memory.lucene;
