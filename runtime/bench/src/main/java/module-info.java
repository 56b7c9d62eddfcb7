/** Benchmark harnesses; see docs/benchmarks.md. */
module dev.jclaw.bench {
    requires dev.jclaw.host;
    requires dev.jclaw.testkit;
    requires java.net.http;
}
