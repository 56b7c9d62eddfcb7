/**
 * The OpenAI chat-completions wire format: {@link dev.jclaw.wire.openai.ChatRequestParser} reads a request as a
 * hostile server must ({@link dev.jclaw.wire.openai.Utf8} first, then the JSON, then every field checked, each
 * violation an {@link dev.jclaw.wire.openai.InvalidRequestException} naming its field path);
 * {@link dev.jclaw.wire.openai.ChatCompletion}, {@link dev.jclaw.wire.openai.ChatCompletionChunk},
 * {@link dev.jclaw.wire.openai.ModelList} and {@link dev.jclaw.wire.openai.ErrorBody} write what OpenAI writes;
 * {@link dev.jclaw.wire.openai.SseWriter} and {@link dev.jclaw.wire.openai.SseReader} frame server-sent events.
 */
package dev.jclaw.wire.openai;
