package dev.jclaw.server.http;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Writes JSON bodies and the one error shape every JClaw endpoint uses: {@code {"error": "..."}}. */
final class JsonResponses {
    private JsonResponses() {
    }

    static void send(ServerResponse response, int status, JsonValue body) {
        response.status(status);
        response.header("Content-Type", "application/json");
        response.header("Cache-Control", "no-store");
        response.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void error(ServerResponse response, int status, String message) {
        send(response, status, JsonObject.builder().put("error", message).build());
    }
}
