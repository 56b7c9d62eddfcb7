/**
 * A fake OpenAI-compatible model server on a real socket, for every test that needs a model:
 * {@link dev.jclaw.testkit.model.FakeModelServer} streams scripted {@link dev.jclaw.testkit.model.Reply}s, records
 * requests and fails loudly when a client breaks the chat-completions protocol.
 */
package dev.jclaw.testkit.model;
