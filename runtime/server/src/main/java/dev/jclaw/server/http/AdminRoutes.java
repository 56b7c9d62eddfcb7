package dev.jclaw.server.http;

import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.api.process.SandboxStatus;
import dev.jclaw.core.metrics.MetricRegistry;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.PluginInfo;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.server.wiring.Sandboxes;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /health}, {@code /health/ready} for everyone; {@code /api/plugins} and {@code /metrics} for administrators
 * only.
 */
public final class AdminRoutes {
    private final PluginHost host;
    private final AdminCredentials credentials;
    private final BooleanSupplier accepting;
    private final MetricRegistry metrics;
    private final Supplier<Optional<AgentMemory.Status>> memory;

    /**
     * Creates the routes of a server without memory.
     *
     * @param host the plugin host
     * @param credentials who may call the admin API
     * @param accepting false once shutdown started, which turns readiness off
     * @param metrics what {@code /metrics} renders
     */
    public AdminRoutes(PluginHost host, AdminCredentials credentials, BooleanSupplier accepting,
                       MetricRegistry metrics) {
        this(host, credentials, accepting, metrics, Optional::empty);
    }

    /**
     * Creates the routes.
     *
     * @param host the plugin host
     * @param credentials who may call the admin API
     * @param accepting false once shutdown started, which turns readiness off
     * @param metrics what {@code /metrics} renders
     * @param memory the state of memory for {@code /health/ready}; empty when memory is off
     */
    public AdminRoutes(PluginHost host, AdminCredentials credentials, BooleanSupplier accepting,
                       MetricRegistry metrics, Supplier<Optional<AgentMemory.Status>> memory) {
        this.host = host;
        this.credentials = credentials;
        this.accepting = accepting;
        this.metrics = metrics;
        this.memory = memory;
    }

    /**
     * Adds the routes.
     *
     * @param routing the routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/health", (req, res) -> JsonResponses.send(res, 200,
                        JsonObject.builder().put("status", "UP").build()))
                .get("/health/ready", this::ready)
                .get("/api/plugins", (req, res) -> cliOrAdmin(req, res, () -> JsonResponses.send(res, 200,
                        JsonObject.builder().put("plugins", plugins(host.plugins())).build())))
                .get("/api/plugins/{id}", (req, res) -> cliOrAdmin(req, res, () -> {
                    String id = req.path().pathParameters().get("id");
                    host.plugin(id).ifPresentOrElse(
                            p -> JsonResponses.send(res, 200, plugin(p)),
                            () -> JsonResponses.error(res, 404, "no plugin with id '" + id + "'"));
                }))
                // token counts and tool outcomes say how the agent is used: not for anonymous scrapers
                .get("/metrics", (req, res) -> admin(req, res, () -> {
                    res.status(200);
                    res.header("Content-Type", MetricRegistry.CONTENT_TYPE);
                    res.header("Cache-Control", "no-store");
                    res.send(metrics.render().getBytes(StandardCharsets.UTF_8));
                }));
    }

    private void ready(ServerRequest req, ServerResponse res) {
        boolean ready = host.ready() && accepting.getAsBoolean();
        JsonArray plugins = new JsonArray(host.plugins().stream().<JsonValue>map(p -> JsonObject.builder()
                .put("id", p.id()).put("state", p.state().name()).build()).toList());
        SandboxStatus sandbox = host.sandbox().status();
        JsonObject.Builder body = JsonObject.builder()
                .put("status", ready ? "UP" : "DOWN").put("plugins", plugins)
                .put("sandbox", JsonObject.builder().put("status", switch (sandbox) {
                    case SandboxStatus.Active a -> "active";
                    case SandboxStatus.Unavailable u -> "unavailable";
                    case SandboxStatus.Off o -> "off";
                }).put("detail", sandbox.describe()).build());
        Optional<AgentMemory.Status> memoryStatus = memory.get();
        body.put("memory", JsonObject.builder().put("status", memoryStatus.map(m -> switch (m.state()) {
            case OPEN -> "open";
            case NOT_OPENED -> "not opened";
            case UNAVAILABLE -> "unavailable";
        }).orElse("off")).put("detail", memoryStatus.map(AgentMemory.Status::detail)
                .orElse("memory.enabled is false")).build());
        // a missing sandbox or memory does not make the server unready: each is reported, and turns go on without
        List<String> warnings = new ArrayList<>();
        Sandboxes.warning(sandbox).ifPresent(warnings::add);
        memoryStatus.filter(m -> m.state() == AgentMemory.State.UNAVAILABLE).ifPresent(m -> warnings.add(
                "memory is unavailable, turns go on without it: " + m.detail()));
        if (!warnings.isEmpty()) {
            body.put("warnings", JsonArray.ofStrings(warnings));
        }
        JsonResponses.send(res, ready ? 200 : 503, body.build());
    }

    private void admin(ServerRequest req, ServerResponse res, Runnable action) {
        switch (access(req, res)) {
            case ADMIN -> action.run();
            case LOCAL_CLI -> JsonResponses.error(res, 403, "the local CLI token only reads /api/plugins; send the "
                    + "admin token for " + req.path().path());
            case NONE -> { } // answered
        }
    }

    /** For what {@code jclaw plugins} reads with the running server's local token. */
    private void cliOrAdmin(ServerRequest req, ServerResponse res, Runnable action) {
        if (access(req, res) != AdminCredentials.Access.NONE) {
            action.run();
        }
    }

    private AdminCredentials.Access access(ServerRequest req, ServerResponse res) {
        AdminCredentials.Access access = credentials.access(
                req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION));
        if (access == AdminCredentials.Access.NONE) {
            res.header("WWW-Authenticate", "Bearer realm=\"jclaw-admin\"");
            JsonResponses.error(res, 401, "admin token required: send 'Authorization: Bearer <token>'");
        }
        return access;
    }

    static JsonArray plugins(List<PluginInfo> infos) {
        return new JsonArray(infos.stream().<JsonValue>map(AdminRoutes::plugin).toList());
    }

    static JsonObject plugin(PluginInfo p) {
        return JsonObject.builder()
                .put("id", p.id())
                .put("version", p.version())
                .put("state", p.state().name())
                .put("source", p.source())
                .put("provides", JsonArray.ofStrings(p.provides()))
                .put("error", p.lastError().<JsonValue>map(dev.jclaw.api.json.JsonString::new)
                        .orElse(dev.jclaw.api.json.JsonNull.INSTANCE))
                .put("warning", p.lastWarning().<JsonValue>map(dev.jclaw.api.json.JsonString::new)
                        .orElse(dev.jclaw.api.json.JsonNull.INSTANCE))
                .put("since", p.since().toString())
                .build();
    }
}
