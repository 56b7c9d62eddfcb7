package dev.jclaw.server;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.testkit.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations and plugins for server tests: a private JCLAW_HOME, port 0, a plugins directory. */
final class TestServers {
    private TestServers() {
    }

    static Map<String, String> env(Path home, Path plugins) {
        Map<String, String> env = new HashMap<>();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", "0");
        env.put("JCLAW_PLUGINS_DIR", plugins.toString());
        env.put("JCLAW_SERVER_SHUTDOWN_GRACE_SECONDS", "5");
        return env;
    }

    static JClawConfig config(Path home, Path plugins) {
        return config(home, plugins, Map.of());
    }

    /** With more environment variables, e.g. a model server's {@code OPENAI_BASE_URL}. */
    static JClawConfig config(Path home, Path plugins, Map<String, String> more) {
        Map<String, String> env = env(home, plugins);
        env.putAll(more);
        return ConfigLoader.builder().workingDir(home).environment(env).build().load();
    }

    /** Starts a server; returns it and what it printed. */
    record Started(JClawServer server, String output) {
    }

    static Started start(JClawConfig config) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JClawServer server = JClawServer.start(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Started(server, bytes.toString(StandardCharsets.UTF_8));
    }

    /** A channel plugin: GET /hello answers text, GET /slow answers after 1 s (writing ?marker=FILE first), /ws/echo echoes. */
    static Path channelPlugin(Path plugins) throws Exception {
        Files.createDirectories(plugins);
        return PluginJarBuilder.plugin("hello-channel", "1.0")
                .source("module-info.java", "module hello.channel { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.channel.Channel with hello.channel.Hello; }")
                .source("hello/channel/Hello.java", """
                        package hello.channel;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.channel.Channel;
                        import dev.jclaw.api.http.*;
                        import java.util.List;
                        public final class Hello implements Channel {
                            public String name() { return "hello"; }
                            public List<HttpEndpoint> httpEndpoints(PluginContext context) {
                                return List.of(
                                    new HttpEndpoint(HttpMethod.GET, "/hello", r -> HttpResponse.text(200,
                                            "hello " + r.queryParam("name").orElse("world"))),
                                    new HttpEndpoint(HttpMethod.POST, "/hello", r -> HttpResponse.text(200,
                                            "got " + r.body().length + " bytes")),
                                    new HttpEndpoint(HttpMethod.GET, "/slow", r -> {
                                        // ?marker=FILE: written on arrival, so a test knows the request is inside
                                        if (r.queryParam("marker").isPresent()) {
                                            java.nio.file.Files.writeString(
                                                    java.nio.file.Path.of(r.queryParam("marker").get()), "in");
                                        }
                                        Thread.sleep(1000);
                                        return HttpResponse.text(200, "finally");
                                    }),
                                    new HttpEndpoint(HttpMethod.GET, "/broken", r -> {
                                        throw new IllegalStateException("secret internals");
                                    }));
                            }
                            public List<WebSocketEndpoint> webSocketEndpoints(PluginContext context) {
                                return List.of(new WebSocketEndpoint("/ws/echo", new WebSocketHandler() {
                                    public void onText(SocketSession session, String text) {
                                        session.send("echo: " + text);
                                    }
                                }));
                            }
                        }
                        """)
                .build(plugins.resolve("hello-channel.jar"));
    }
}
