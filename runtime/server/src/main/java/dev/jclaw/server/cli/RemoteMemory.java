package dev.jclaw.server.cli;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import dev.jclaw.server.http.MemoryJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * {@code jclaw memory} through a server's memory API ({@code /api/memory}, see
 * {@link dev.jclaw.server.http.MemoryRoutes}): the server holds the memory database. Its refusals read as the same
 * sentences as in this process: bad input (400) as an {@link IllegalArgumentException}, an id it cannot forget or
 * split (404, 409) as a refused result.
 */
final class RemoteMemory implements MemoryBackend {
    private static final Duration SHORT = Duration.ofSeconds(60); // room for the first embedding's model load
    private final ServerClient client;

    RemoteMemory(ServerClient client) {
        this.client = client;
    }

    @Override
    public MemoryService.Memorized add(Optional<Namespace> namespace, MemoryLayer layer, String type, String text)
            throws InterruptedException, ServerClient.ServerException {
        JsonObject body = JsonObject.builder().put("content", text).put("layer", layer.code()).put("type", type)
                .build();
        return read(send("POST", path("/api/memory", namespace, List.of()), body, SHORT),
                MemoryJson::readMemorized);
    }

    @Override
    public List<Recalled> search(Optional<Namespace> namespace, String words, Set<MemoryLayer> layers, int limit)
            throws InterruptedException, ServerClient.ServerException {
        List<String> query = new ArrayList<>(List.of("q=" + ServerClient.encode(words), "limit=" + limit));
        layers.forEach(l -> query.add("layer=" + l.code()));
        return read(send("GET", path("/api/memory", namespace, query), null, SHORT), MemoryJson::readFound);
    }

    @Override
    public Listed list(Optional<Namespace> namespace, Set<MemoryLayer> layers, boolean all, int limit)
            throws InterruptedException, ServerClient.ServerException {
        List<String> query = new ArrayList<>(List.of("all=" + all, "limit=" + limit));
        layers.forEach(l -> query.add("layer=" + l.code()));
        return read(send("GET", path("/api/memory", namespace, query), null, SHORT), answer ->
                new Listed(new Namespace(answer.string("namespace")), MemoryJson.readEntries(answer)));
    }

    @Override
    public Stats stats(Optional<Namespace> namespace) throws InterruptedException, ServerClient.ServerException {
        return read(send("GET", path("/api/memory/stats", namespace, List.of()), null, SHORT), answer ->
                new Stats(new Namespace(answer.string("namespace")), MemoryJson.readStats(answer),
                        answer.string("embedding")));
    }

    @Override
    public MemoryService.Forgetting forget(Optional<Namespace> namespace, String id, String reason)
            throws InterruptedException, ServerClient.ServerException {
        HttpResponse<String> res = send("DELETE", path("/api/memory/" + ServerClient.encode(id), namespace,
                List.of("reason=" + ServerClient.encode(reason))), null, SHORT);
        if (res.statusCode() == 404 || res.statusCode() == 409) {
            return new MemoryService.Forgetting.Refused(error(res, id));
        }
        return read(res, answer -> new MemoryService.Forgetting.Forgotten(MemoryJson.readEntries(answer).getFirst()));
    }

    @Override
    public MemoryService.Splitting split(Optional<Namespace> namespace, String id)
            throws InterruptedException, ServerClient.ServerException {
        HttpResponse<String> res = send("POST", path("/api/memory/" + ServerClient.encode(id) + "/split", namespace,
                List.of()), JsonObject.EMPTY, SHORT);
        if (res.statusCode() == 404 || res.statusCode() == 409) {
            return new MemoryService.Splitting.Refused(error(res, id));
        }
        return read(res, MemoryJson::readSplit);
    }

    @Override
    public Reindexed reindex(LongConsumer progress) throws InterruptedException, ServerClient.ServerException {
        // as long as it takes: every entry is embedded again
        return read(send("POST", "/api/memory/reindex", JsonObject.EMPTY, null), answer ->
                new Reindexed(answer.optLong("reindexed").orElse(0L), answer.string("embedding")));
    }

    @Override
    public void close() {
        client.close();
    }

    private static String path(String path, Optional<Namespace> namespace, List<String> query) {
        List<String> all = new ArrayList<>(query);
        namespace.ifPresent(ns -> all.add("namespace=" + ServerClient.encode(ns.value())));
        return all.isEmpty() ? path : path + "?" + String.join("&", all);
    }

    private HttpResponse<String> send(String method, String path, JsonObject body, Duration timeout)
            throws InterruptedException, ServerClient.ServerException {
        return client.exchange(method, path, Optional.ofNullable(body), Optional.ofNullable(timeout));
    }

    /** Reads an answer that went through; a refusal is thrown as the same sentence as in this process. */
    private <T> T read(HttpResponse<String> res, java.util.function.Function<JsonObject, T> reading)
            throws ServerClient.ServerException {
        int status = res.statusCode();
        if (status == 400) {
            throw new IllegalArgumentException(error(res, ""));
        }
        if (status == 503 || (status == 404 && isJsonError(res))) { // memory off, a namespace not the caller's
            throw new ServerClient.ServerException(error(res, ""));
        }
        if (status != 200 && status != 201) {
            throw client.refused(status, res.body());
        }
        try {
            return reading.apply(Json.parseObject(res.body()));
        } catch (JsonException | IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new ServerClient.ServerException("the server at " + client.base() + " answered something this"
                    + " jclaw cannot read (" + e.getMessage() + "); are the two the same version?");
        }
    }

    /** @return whether the answer is the memory API's refusal, not a server without that API ("no endpoint at") */
    private static boolean isJsonError(HttpResponse<String> res) {
        try {
            return Json.parseObject(res.body()).optString("error").filter(e -> !e.startsWith("no endpoint at "))
                    .isPresent();
        } catch (JsonException e) {
            return false;
        }
    }

    /** @return the answer's {@code error}, or a sentence of its own when it has none */
    private static String error(HttpResponse<String> res, String id) {
        try {
            return Json.parseObject(res.body()).optString("error").orElseThrow();
        } catch (JsonException | java.util.NoSuchElementException e) {
            return id.isEmpty() ? "the server answered " + res.statusCode() : "no memory " + id + " here";
        }
    }
}
