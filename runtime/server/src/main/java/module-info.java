/**
 * The JClaw server: Helidon SE web server, admin API, CLI and the composition root
 * ({@code dev.jclaw.server.wiring}), which builds the agent from the configuration. The only module that imports
 * Helidon.
 */
module dev.jclaw.server {
    requires dev.jclaw.api;
    requires dev.jclaw.core;
    requires dev.jclaw.config;
    requires dev.jclaw.host;
    requires dev.jclaw.agent;
    requires dev.jclaw.wire.openai;
    requires dev.jclaw.model.openai;
    requires dev.jclaw.store.jdbc;
    requires dev.jclaw.memory.lucene;
    requires jdk.unsupported;
    requires io.helidon.webserver;
    requires io.helidon.webserver.websocket;
    requires password4j;
    requires java.net.http;
    requires java.logging;
}
