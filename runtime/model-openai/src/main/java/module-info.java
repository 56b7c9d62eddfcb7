/**
 * The model port over openai-java, for every OpenAI-compatible endpoint. The only module that imports openai-java.
 */
module dev.jclaw.model.openai {
    requires dev.jclaw.core;
    requires openai.java.core;
    requires openai.java.client.okhttp;

    exports dev.jclaw.model.openai;
}
