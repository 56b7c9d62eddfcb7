/**
 * The OpenAI chat-completions wire format, once: a strict parser of requests for a server, the responses, chunks,
 * model lists and error bodies as OpenAI writes them, and server-sent events read and written. Shared by the model
 * client, the testkit's fake model server and the server's OpenAI-compatible API. Depends on the plugin API's JSON
 * and the JDK only.
 */
module dev.jclaw.wire.openai {
    requires transitive dev.jclaw.api;

    exports dev.jclaw.wire.openai;
}
