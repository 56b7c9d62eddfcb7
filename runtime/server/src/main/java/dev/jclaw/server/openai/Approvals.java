package dev.jclaw.server.openai;

import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.PendingApproval;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.wire.openai.ErrorBody;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code POST /v1/approvals/{id}} with {@code {"approve": true}} or {@code false}, and {@code GET /v1/approvals}: how
 * an API client answers the tool calls its turns wait on. Only the user who started the turn, or an admin, may
 * answer.
 */
final class Approvals {
    private static final int MAX_BODY = 4_096;

    private Approvals() {
    }

    static void answer(AgentGateway gateway, Principal principal, ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<Boolean> approve = decision(req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0]);
        if (approve.isEmpty()) {
            OpenAiErrors.invalid(res, "approve", "send {\"approve\": true} or {\"approve\": false}");
            return;
        }
        ApprovalAnswer answer = gateway.answer(principal, id, approve.get(), "openai");
        switch (answer) {
            case ACCEPTED -> send(res, 200, JsonObject.builder().put("id", id).put("approved", approve.get()).build());
            case NOT_FOUND -> OpenAiErrors.send(res, 404, new ErrorBody("no approval " + Json.quote(id)
                    + " is waiting", ErrorBody.INVALID_REQUEST, "id", "not_found"));
            case FORBIDDEN -> OpenAiErrors.send(res, 403, new ErrorBody("only the user who started the turn, or an"
                    + " admin, may answer its approvals", ErrorBody.PERMISSION, "id", "forbidden"));
            case EXPIRED -> OpenAiErrors.send(res, 410, new ErrorBody("the approval's deadline passed; the call was"
                    + " refused", ErrorBody.INVALID_REQUEST, "id", "expired"));
        }
    }

    static void list(AgentGateway gateway, Principal principal, ServerResponse res) {
        JsonArray items = new JsonArray(gateway.pendingApprovals(principal).stream()
                .<JsonValue>map(Approvals::json).toList());
        send(res, 200, JsonObject.builder().put("object", "list").put("data", items).build());
    }

    private static JsonObject json(PendingApproval p) {
        return JsonObject.builder().put("id", p.approvalId()).put("user", p.owner().value())
                .put("conversation", p.conversation().value()).put("tool", p.tool())
                .put("arguments", p.arguments()).put("deadline", p.deadline().toString()).build();
    }

    private static Optional<Boolean> decision(byte[] body) {
        if (body.length == 0 || body.length > MAX_BODY) {
            return Optional.empty();
        }
        try {
            JsonValue value = Json.parse(new String(body, StandardCharsets.UTF_8));
            return value instanceof JsonObject o ? o.optBoolean("approve") : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static void send(ServerResponse res, int status, JsonValue body) {
        res.status(status);
        res.header("Content-Type", "application/json");
        res.header("Cache-Control", "no-store");
        res.send(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
