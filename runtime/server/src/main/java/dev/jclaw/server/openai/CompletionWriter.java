package dev.jclaw.server.openai;

import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.wire.openai.ChatCompletion;
import dev.jclaw.wire.openai.ChatCompletionChunk;
import dev.jclaw.wire.openai.ErrorBody;
import dev.jclaw.wire.openai.SseWriter;
import dev.jclaw.wire.openai.Usage;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Writes one agent turn as an OpenAI chat completion: a stream of {@code chat.completion.chunk} events ending in
 * {@code [DONE]}, or one {@code chat.completion}. The agent's own tool calls run on the server and are not sent as
 * {@code tool_calls}; a call waiting for approval is announced in an SSE comment (clients skip comments) with its id,
 * and the turn waits for the answer at {@code /v1/approvals/{id}} (or is refused when the deadline passes, which the
 * answer then says).
 */
final class CompletionWriter {
    private static final System.Logger LOG = System.getLogger(CompletionWriter.class.getName());
    /** A stream with nothing to say for this long gets a comment, so proxies and clients keep it open. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final String model;

    CompletionWriter(String model) {
        this.model = model;
    }

    /**
     * Streams the turn. A client that goes away stops it.
     *
     * @param res the response
     * @param bridge the turn's events
     * @param turn the turn
     * @param includeUsage whether the client asked for the usage chunk
     * @param prelude text to stream before the turn's own, e.g. a slash command's reply, may be empty
     */
    void stream(ServerResponse res, TurnBridge bridge, TurnHandle turn, boolean includeUsage, String prelude)
            throws InterruptedException {
        res.status(200);
        res.header("Content-Type", SseWriter.CONTENT_TYPE);
        res.header("Cache-Control", "no-cache");
        res.header("X-Accel-Buffering", "no");
        ChatCompletionChunk.Stream chunks = new ChatCompletionChunk.Stream(ChatCompletion.newId(),
                System.currentTimeMillis() / 1000, model, "", includeUsage);
        try (OutputStream out = res.outputStream()) {
            SseWriter sse = new SseWriter(out, true);
            sse.event(chunks.role());
            if (!prelude.isEmpty()) {
                sse.event(chunks.content(prelude));
            }
            if (turn == null) {
                finish(sse, chunks, includeUsage, TurnEvent.TokenUsage.NONE);
                return;
            }
            while (true) {
                TurnEvent event = bridge.next(HEARTBEAT);
                if (event == null) {
                    sse.comment("keepalive");
                    continue;
                }
                switch (event) {
                    case TurnEvent.TextDelta t -> sse.event(chunks.content(t.text()));
                    case TurnEvent.ReasoningDelta r -> sse.event(chunks.reasoning(r.text()));
                    case TurnEvent.ApprovalRequested a -> sse.comment("approval_requested " + approval(a));
                    case TurnEvent.Done d -> {
                        finish(sse, chunks, includeUsage, d.usage());
                        return;
                    }
                    case TurnEvent.Aborted a -> {
                        finish(sse, chunks, includeUsage, TurnEvent.TokenUsage.NONE);
                        return;
                    }
                    case TurnEvent.Failed f -> {
                        // OpenAI's clients raise an error carried in a stream event
                        sse.event(errorBody(f).toJson());
                        sse.done();
                        return;
                    }
                    default -> {
                        // tool progress, recall, queue position and usage so far are not part of the format
                    }
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            LOG.log(System.Logger.Level.DEBUG, "the client left a streaming completion; stopping its turn");
            if (turn != null) {
                turn.stop();
            }
        }
    }

    /**
     * Waits for the turn and answers with one completion, or the error it ended with.
     *
     * @param res the response
     * @param bridge the turn's events
     * @param prelude a slash command's reply to put before the answer, may be empty
     */
    void complete(ServerResponse res, TurnBridge bridge, String prelude) throws InterruptedException {
        TurnEvent last;
        do {
            last = bridge.next(HEARTBEAT);
        } while (last == null || !TurnBridge.last(last));
        switch (last) {
            case TurnEvent.Done d -> send(res, prelude + d.answer(), d.usage());
            case TurnEvent.Aborted a -> send(res, prelude + a.partialAnswer(), TurnEvent.TokenUsage.NONE);
            case TurnEvent.Failed f -> {
                ErrorBody error = errorBody(f);
                OpenAiErrors.send(res, status(f), error);
            }
            default -> throw new IllegalStateException("not a last event: " + last);
        }
    }

    /**
     * Answers with one completion of fixed text, e.g. a slash command's reply.
     *
     * @param res the response
     * @param text the text
     * @param usage what it cost
     */
    void send(ServerResponse res, String text, TurnEvent.TokenUsage usage) {
        ChatCompletion completion = new ChatCompletion(ChatCompletion.newId(), System.currentTimeMillis() / 1000,
                model, "", text, "", List.of(), "stop", usage(usage));
        res.status(200);
        res.header("Content-Type", "application/json");
        res.header("Cache-Control", "no-store");
        res.send(completion.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private static void finish(SseWriter sse, ChatCompletionChunk.Stream chunks, boolean includeUsage,
                               TurnEvent.TokenUsage usage) throws IOException {
        sse.event(chunks.finish("stop"));
        if (includeUsage) {
            sse.event(chunks.usage(usage(usage)));
        }
        sse.done();
    }

    static Usage usage(TurnEvent.TokenUsage usage) {
        return new Usage(usage.prompt(), usage.completion(), usage.cached(), 0);
    }

    private static String approval(TurnEvent.ApprovalRequested a) {
        return Json.write(JsonObject.builder().put("id", a.approvalId()).put("tool", a.tool())
                .put("deadline", a.deadline().toString())
                .put("answer", "POST /v1/approvals/" + a.approvalId() + " {\"approve\": true|false}").build());
    }

    static ErrorBody errorBody(TurnEvent.Failed f) {
        return switch (f.reason()) {
            case RATE_LIMITED -> new ErrorBody(f.message(), ErrorBody.RATE_LIMIT, "", "rate_limit_exceeded");
            case CONTEXT_TOO_LONG -> new ErrorBody(f.message(), ErrorBody.INVALID_REQUEST, "messages",
                    "context_length_exceeded");
            case MODEL_REFUSED, MODEL_UNAVAILABLE -> new ErrorBody("the model's provider failed: " + f.message(),
                    ErrorBody.SERVER, "", "upstream_error");
            case TIMEOUT -> new ErrorBody(f.message(), ErrorBody.SERVER, "", "timeout");
            case STEP_LIMIT, INTERNAL -> new ErrorBody(f.message(), ErrorBody.SERVER, "", "agent_error");
        };
    }

    private static int status(TurnEvent.Failed f) {
        return switch (f.reason()) {
            case RATE_LIMITED -> 429;
            case CONTEXT_TOO_LONG -> 400;
            case MODEL_REFUSED, MODEL_UNAVAILABLE -> 502;
            case TIMEOUT -> 504;
            case STEP_LIMIT, INTERNAL -> 500;
        };
    }
}
