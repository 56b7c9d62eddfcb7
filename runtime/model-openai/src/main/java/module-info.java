/**
 * The model port over openai-java, for every OpenAI-compatible endpoint. The only module that imports openai-java.
 */
module dev.jclaw.model.openai {
    // its public API speaks the core's model and config types
    requires transitive dev.jclaw.core;
    requires openai.java.core;
    requires java.net.http;
    // its parse errors are IOExceptions, told apart from the connection's by type
    requires com.fasterxml.jackson.core;

    exports dev.jclaw.model.openai;
}
