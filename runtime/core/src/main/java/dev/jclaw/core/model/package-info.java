/**
 * The model port: what the agent loop needs from a chat-completion model, and nothing of any vendor's SDK. One
 * adapter module per vendor implements {@link dev.jclaw.core.model.ModelPort} (runtime/model-openai for every
 * OpenAI-compatible endpoint).
 */
package dev.jclaw.core.model;
