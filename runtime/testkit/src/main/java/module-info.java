/**
 * Test support shared by all modules: builds real plugin jars inside a test.
 */
module dev.jclaw.testkit {
    requires transitive dev.jclaw.api;
    requires java.compiler;
    requires jdk.httpserver;
    requires dev.jclaw.wire.openai;
    requires transitive dev.jclaw.core;
    requires org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.jclaw.testkit;
    exports dev.jclaw.testkit.model;
    exports dev.jclaw.testkit.session;
    exports dev.jclaw.testkit.memory;
    exports dev.jclaw.testkit.identity;
}
