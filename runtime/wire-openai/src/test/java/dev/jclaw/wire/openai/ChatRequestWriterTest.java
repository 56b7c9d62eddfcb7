package dev.jclaw.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.wire.openai.ChatRequest.Message;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import dev.jclaw.wire.openai.ChatRequest.ToolCall;
import dev.jclaw.wire.openai.ChatRequest.ToolDefinition;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChatRequestWriterTest {
    /** The model client's side: it offers tools, so the parser that reads it back must accept them. */
    private static final ChatRequestParser READER = new ChatRequestParser(RequestLimits.PROVIDER);

    private static Message message(Role role, List<Part> content, List<ToolCall> calls, String callId) {
        return new Message(role, content, calls, callId, "");
    }

    @Test
    void what_it_writes_reads_back_as_the_same_request() throws Exception {
        ChatRequest request = new ChatRequest("gpt-x", List.of(
                message(Role.SYSTEM, List.of(new Part.Text("be brief")), List.of(), ""),
                message(Role.USER, List.of(new Part.Text("what is \"this\"?\n\u00e9\u4e2d"),
                        new Part.Image("data:image/png;base64,iVBORw0KGgo=", "low"),
                        new Part.Image("https://example.org/a.png", "auto")), List.of(), ""),
                message(Role.ASSISTANT, List.of(), List.of(new ToolCall("c1", "glob", "{\"pattern\":\"*.md\"}")), ""),
                message(Role.TOOL, List.of(new Part.Text("README.md")), List.of(), "c1"),
                message(Role.ASSISTANT, List.of(new Part.Text("done")), List.of(), "")),
                true, true, 512, new ChatRequest.Sampling(OptionalDouble.of(0.5), OptionalDouble.empty()), "ann",
                List.of(new ToolDefinition("glob", "Finds files", Json.parseObject(
                        "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"}}}"))),
                "session-1");

        ChatRequest back = READER.parse(ChatRequestWriter.write(request));

        assertThat(back).isEqualTo(request);
    }

    @Test
    void leaves_out_what_was_not_given_and_writes_the_shapes_providers_expect() {
        ChatRequest request = new ChatRequest("m", List.of(
                message(Role.USER, List.of(new Part.Text("hi")), List.of(), ""),
                message(Role.ASSISTANT, List.of(), List.of(new ToolCall("c1", "t", "{}")), ""),
                message(Role.TOOL, List.of(new Part.Text("ok")), List.of(), "c1")),
                true, true, 0, ChatRequest.Sampling.DEFAULT, "", List.of(), "");

        JsonObject body = ChatRequestWriter.toJson(request);

        assertThat(body.members().keySet()).containsExactly("model", "messages", "stream", "stream_options");
        assertThat(Json.write(body)).contains("{\"role\":\"user\",\"content\":\"hi\"}")
                .contains("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"t\",\"arguments\":\"{}\"}}]}")
                .contains("{\"role\":\"tool\",\"content\":\"ok\",\"tool_call_id\":\"c1\"}")
                .contains("\"stream_options\":{\"include_usage\":true}");
    }
}
