/**
 * Test support shared by all modules: builds real plugin jars inside a test.
 */
module dev.jclaw.testkit {
    requires transitive dev.jclaw.api;
    requires java.compiler;
    requires jdk.httpserver;

    exports dev.jclaw.testkit;
    exports dev.jclaw.testkit.model;
}
