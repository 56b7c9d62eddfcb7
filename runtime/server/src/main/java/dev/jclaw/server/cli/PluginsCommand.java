package dev.jclaw.server.cli;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.PluginInfo;
import dev.jclaw.server.admin.RuntimeFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jclaw plugins list} and {@code jclaw plugins info ID}: asks the running server (found through its runtime
 * file), or reads the plugins directory when none runs.
 */
final class PluginsCommand {
    private final JClawConfig config;
    private final PrintStream out;
    private final PrintStream err;

    PluginsCommand(JClawConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    int list() throws IOException, InterruptedException {
        Optional<JsonArray> live = fetch("/api/plugins").map(o -> o.optArray("plugins").orElse(JsonArray.of()));
        List<JsonObject> plugins = live.map(PluginsCommand::objects).orElseGet(this::fromDirectory);
        out.println(live.isPresent() ? "Plugins of the running server:" : "No server is running; plugins in "
                + config.plugins().dir() + ":");
        if (plugins.isEmpty()) {
            out.println("  (none)");
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "VERSION", "STATE", "PROVIDES / ERROR"));
        for (JsonObject p : plugins) {
            String detail = p.optString("error").map(e -> "error: " + e)
                    .or(() -> p.optString("warning").map(w -> "warning: " + w))
                    .orElse(String.join(", ", strings(p.optArray("provides").orElse(JsonArray.of()))));
            rows.add(List.of(p.string("id"), p.optString("version").orElse(""), p.string("state"), detail));
        }
        Columns.print(out, rows);
        return 0;
    }

    int info(String id) throws IOException, InterruptedException {
        Optional<JsonObject> live = fetch("/api/plugins").map(o -> o.optArray("plugins").orElse(JsonArray.of()))
                .flatMap(a -> objects(a).stream().filter(p -> p.string("id").equals(id)).findFirst());
        Optional<JsonObject> plugin = live.isPresent() ? live
                : fromDirectory().stream().filter(p -> p.string("id").equals(id)).findFirst();
        if (plugin.isEmpty()) {
            err.println("jclaw: no plugin with id '" + id + "'; 'jclaw plugins list' shows their ids");
            return 1;
        }
        out.println(Json.writePretty(plugin.get()));
        return 0;
    }

    private Optional<JsonObject> fetch(String path) throws InterruptedException {
        Optional<RuntimeFile> runtime = RuntimeFile.read(config.dataDir());
        if (runtime.isEmpty()) {
            return Optional.empty();
        }
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(runtime.get().url() + path))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + runtime.get().token()).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(Json.parseObject(response.body()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a stale runtime file: fall back to the directory
        }
    }

    private List<JsonObject> fromDirectory() {
        List<JsonObject> out = new ArrayList<>();
        for (PluginInfo p : PluginHost.describe(config.plugins().dir())) {
            JsonObject.Builder b = JsonObject.builder().put("id", p.id()).put("version", p.version())
                    .put("state", p.state().name()).put("source", p.source())
                    .put("provides", JsonArray.of());
            p.lastError().ifPresent(e -> b.put("error", e));
            out.add(b.build());
        }
        return out;
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array.elements().stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(v -> v instanceof dev.jclaw.api.json.JsonString s ? s.value()
                : v.toJson()).toList();
    }
}
