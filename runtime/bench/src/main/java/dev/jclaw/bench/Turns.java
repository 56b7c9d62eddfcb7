package dev.jclaw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The two kinds of turn {@link HttpLoadBench} times: one streamed request through JClaw's
 * {@code /v1/chat/completions} (JClaw then makes two model requests and runs one tool call), or the two streamed
 * requests such a turn makes, sent straight to the fake model (a user message that the fake answers with a tool
 * call, then the same messages with the call and its result, answered with text): either the very bodies JClaw sent,
 * replayed, or minimal ones.
 */
final class Turns {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String TOOLS = """
            "tools": [{"type": "function", "function": {"name": "glob", "description": "Finds files by glob",
              "parameters": {"type": "object", "properties": {"pattern": {"type": "string"}},
                             "required": ["pattern"], "additionalProperties": false}}}]""";
    private static final String QUESTION = "Are there markdown files in the workspace that need attention?";

    private final HttpClient client;
    private final URI jclaw;
    private final String key;
    private final URI fake;
    private volatile String first;
    private volatile String second;

    Turns(HttpClient client, URI jclaw, String key, URI fake) {
        this.client = client;
        this.jclaw = jclaw;
        this.key = key;
        this.fake = fake;
    }

    /** One turn through JClaw in the named server-side conversation; returns the SSE data lines. */
    String throughJClaw(String session) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(jclaw).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("X-JClaw-Session", session)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "jclaw", "stream": true, "stream_options": {"include_usage": true},
                         "messages": [{"role": "user", "content": "%s"}]}""".formatted(QUESTION)))
                .build();
        return HttpLoadBench.readStream(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * The two model requests of a turn, straight to the fake model: the bodies JClaw sent for its first turn
     * (system prompt, tool definitions, the per-turn note; the second with the tool call and its result), replayed.
     */
    void direct() throws IOException, InterruptedException {
        fakeRequest(first);
        fakeRequest(second);
    }

    /** The same two requests made as small as the protocol allows: one user message, one tool. */
    void minimal(String id) throws IOException, InterruptedException {
        String user = """
                {"role": "system", "content": "You are a helpful agent."},
                {"role": "user", "content": "%s"}""".formatted(QUESTION);
        fakeRequest(minimalBody("[" + user + "]"));
        String call = "call_direct_" + id;
        fakeRequest(minimalBody("[" + user + """
                , {"role": "assistant", "content": null, "tool_calls": [{"id": "%s", "type": "function",
                   "function": {"name": "%s", "arguments": %s}}]},
                  {"role": "tool", "tool_call_id": "%s", "content": "no files match *.md"}]"""
                .formatted(call, FakeModelMain.TOOL, quote(FakeModelMain.ARGUMENTS), call)));
    }

    /** Takes the request bodies to replay, as the fake captured them from JClaw's first turn. */
    void replay(String first, String second) {
        this.first = first;
        this.second = second;
    }

    /** One turn through JClaw whose answer must be the fake's text: proves the tool call ran. */
    String sanity() throws IOException, InterruptedException {
        String lines = throughJClaw("sanity");
        StringBuilder text = new StringBuilder();
        for (String line : lines.split("\n")) {
            int at = line.indexOf("\"content\":\"");
            if (at >= 0) {
                text.append(line, at + 11, line.indexOf('"', at + 11));
            }
        }
        if (!text.toString().equals(FakeModelMain.ANSWER)) {
            throw new IllegalStateException("unexpected answer through JClaw: " + lines);
        }
        return text.toString();
    }

    private static String minimalBody(String messages) {
        return """
                {"model": "fake-1", "stream": true, "stream_options": {"include_usage": true},
                 "messages": %s, %s}""".formatted(messages, TOOLS);
    }

    private void fakeRequest(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(fake).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        HttpLoadBench.readStream(response);
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
