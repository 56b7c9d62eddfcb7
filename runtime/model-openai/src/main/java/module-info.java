/**
 * The model port over openai-java, for every OpenAI-compatible endpoint, and exact token counts with OpenAI's
 * encodings. The only module that imports openai-java, and the only one that imports jtokkit.
 */
module dev.jclaw.model.openai {
    // its public API speaks the core's model and config types
    requires transitive dev.jclaw.core;
    requires transitive dev.jclaw.config;
    // server-sent events and error bodies: the one wire model of chat completions
    requires dev.jclaw.wire.openai;
    requires openai.java.core;
    requires java.net.http;
    // its parse errors are IOExceptions, told apart from the connection's by type
    requires com.fasterxml.jackson.core;
    // OpenAI's BPE encodings for exact token counts; jtokkit 1.1.0 has no module name, so this is the one derived
    // from its jar's file name
    requires jtokkit;

    exports dev.jclaw.model.openai;
}
