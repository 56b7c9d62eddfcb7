/**
 * A fake OpenAI-compatible model server on a real socket, for every test that needs a model:
 * {@link dev.jclaw.testkit.model.FakeModelServer} streams scripted {@link dev.jclaw.testkit.model.Reply}s, records
 * requests and fails loudly when a client breaks the chat-completions protocol; on demand it reports usage as a
 * provider with automatic prefix caching would ({@link dev.jclaw.testkit.model.PrefixCaching},
 * {@link dev.jclaw.testkit.model.CacheLedger}).
 */
package dev.jclaw.testkit.model;
