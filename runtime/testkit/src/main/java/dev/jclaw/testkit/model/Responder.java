package dev.jclaw.testkit.model;

import com.sun.net.httpserver.HttpExchange;
import dev.jclaw.wire.openai.ErrorBody;
import dev.jclaw.wire.openai.ModelList;
import dev.jclaw.wire.openai.SseWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Writes the fake model server's answers: JSON bodies, and event streams through the wire model's SSE writer. */
final class Responder {
    private Responder() {
    }

    /**
     * Answers what comes before a chat request: a wrong API key (401, as OpenAI answers it), embeddings, the
     * model list.
     *
     * @return whether the exchange was answered
     */
    static boolean answeredBeforeChat(HttpExchange exchange, String apiKey, FakeEmbeddings embeddings,
                                      List<String> models) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!apiKey.isEmpty() && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getRequestBody().readAllBytes();
            json(exchange, 401, ErrorBody.invalidApiKey().toJson());
            return true;
        }
        if (path.endsWith("/embeddings") && method.equals("POST")) {
            FakeEmbeddings.Answer answer = embeddings.answer(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            json(exchange, answer.status(), answer.body());
            return true;
        }
        if (path.endsWith("/models") && method.equals("GET")) {
            json(exchange, 200, new ModelList(models.stream()
                    .map(id -> new ModelList.Model(id, 1_700_000_000L, "fake")).toList()).toJson());
            return true;
        }
        return false;
    }

    /** A reply to send, with what the request asked for. */
    record Answer(Reply reply, String model, boolean stream, Optional<CacheLedger.Entry> measured) {
    }

    /** Sends a reply. @return false when the reply is cut off and the connection must be dropped */
    static boolean answer(HttpExchange exchange, Answer answer) throws IOException {
        Reply reply = answer.reply();
        Responder.sleep(reply.firstDelay().toMillis());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (reply.status() != 200) {
            Responder.json(exchange, reply.status(), reply.errorBody());
            return true;
        }
        if (!answer.stream()) {
            Responder.json(exchange, 200, reply.completion(answer.model(), answer.measured()));
            return true;
        }
        Reply.Events events = reply.events(answer.model(), answer.measured());
        Responder.stream(exchange, events.payloads().subList(0, events.sent()), reply.chunkDelay().toMillis(),
                !reply.cutsOff());
        return !reply.cutsOff();
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * Streams events.
     *
     * @param payloads the data of each event, {@code [DONE]} excluded
     * @param gapMillis the wait between events; 0 writes them all at once
     * @param done whether {@code [DONE]} ends the stream (false when it is cut off)
     */
    static void stream(HttpExchange exchange, List<String> payloads, long gapMillis, boolean done)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", SseWriter.CONTENT_TYPE);
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        // without delays, one write: the client still parses every event, and benchmarks pay one syscall
        SseWriter sse = new SseWriter(gapMillis > 0 ? out : new java.io.BufferedOutputStream(out, 64 * 1024),
                gapMillis > 0);
        for (int i = 0; i < payloads.size(); i++) {
            if (gapMillis > 0 && i > 0) {
                sleep(gapMillis);
            }
            sse.event(payloads.get(i));
        }
        if (done) {
            sse.done();
        } else {
            sse.flush();
        }
    }

    static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
