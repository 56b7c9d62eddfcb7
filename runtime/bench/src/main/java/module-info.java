/** Benchmark harnesses; see docs/benchmarks.md. */
module dev.jclaw.bench {
    requires dev.jclaw.host;
    requires dev.jclaw.testkit;
    requires java.net.http;
    requires dev.jclaw.core;
    requires dev.jclaw.config;
    requires dev.jclaw.model.openai;
    requires jdk.management;
    requires dev.jclaw.agent;
    requires dev.jclaw.store.jdbc;
    requires dev.jclaw.memory.lucene;
}
