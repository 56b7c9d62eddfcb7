/**
 * The model port over openai-java for every OpenAI-compatible endpoint: {@link dev.jclaw.model.openai.OpenAiModel}
 * routes each model name to its provider, streams, and classifies failures. Nothing of openai-java leaves this
 * package.
 */
package dev.jclaw.model.openai;
