package dev.jclaw.core.context;

import dev.jclaw.core.model.EstimatedTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestTokensTest {
    final RequestTokens tokens = new RequestTokens(Words.COUNTER);
    final ToolDefinition read = new ToolDefinition("read", "Reads a file",
            "{\"type\": \"object\", \"properties\": {\"path\": {\"type\": \"string\"}}}");

    @Nested
    class Messages {
        @Test
        void add_three_tokens_to_each_message_and_three_to_prime_the_answer() {
            ModelRequest request = new ModelRequest("m", "be brief", List.of(new ChatMessage.User("hello there"),
                    new ChatMessage.Assistant("hi", List.of())), List.of(), 0, "");
            assertThat(tokens.count(request)).isEqualTo(3 + (3 + 2) + (3 + 2) + (3 + 1));
        }

        @Test
        void count_tool_calls_and_tool_results() {
            ChatMessage.Assistant call = new ChatMessage.Assistant("", List.of(
                    new ToolCall("c1", "read", "{\"path\": \"a.md\"}"), new ToolCall("c2", "grep", "{}")));
            assertThat(tokens.message(call)).isEqualTo(3 + (3 + 1 + 2) + (3 + 1 + 1));
            assertThat(tokens.message(new ChatMessage.ToolResult("c1", "read", "line one"))).isEqualTo(3 + 1 + 2);
        }

        @Test
        void send_no_system_prompt_when_it_is_empty() {
            assertThat(tokens.systemPrompt("")).isZero();
            assertThat(tokens.count(new ModelRequest("m", "", List.of(), List.of(), 0, ""))).isEqualTo(3);
        }
    }

    @Nested
    class Tools {
        @Test
        void count_a_definition_as_the_compact_json_sent() {
            String compact = "{\"type\":\"function\",\"function\":{\"name\":\"read\",\"description\":\"Reads a file\","
                    + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}}";
            assertThat(tokens.tool(read)).isEqualTo(Words.COUNTER.count(compact)).isEqualTo(3);
            ModelRequest request = new ModelRequest("m", "", List.of(), List.of(read, read), 0, "");
            assertThat(tokens.count(request)).isEqualTo(3 + 2 * 3);
        }

        @Test
        void count_a_schema_that_is_not_json_as_it_is() {
            ToolDefinition broken = new ToolDefinition("x", "y", "{not json at all");
            assertThat(tokens.tool(broken)).isEqualTo(4);
        }

        @Test
        void count_a_schema_nested_too_deep_to_parse_as_it_is() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            ToolDefinition tool = new ToolDefinition("x", "y", deep);
            assertThat(new RequestTokens(EstimatedTokens.INSTANCE).tool(tool))
                    .isEqualTo(EstimatedTokens.INSTANCE.count("{\"type\":\"function\",\"function\":{\"name\":\"x\","
                            + "\"description\":\"y\",\"parameters\":" + deep + "}}"));
        }

        @Test
        void count_the_same_with_the_estimate_however_the_schema_is_indented() {
            RequestTokens estimate = new RequestTokens(EstimatedTokens.INSTANCE);
            ToolDefinition pretty = new ToolDefinition("read", "Reads a file",
                    "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"path\": {\"type\": \"string\"}\n  }\n}");
            assertThat(estimate.tool(pretty)).isEqualTo(estimate.tool(read)).isBetween(20, 40);
        }
    }

    @Nested
    class Port {
        @Test
        void estimates_tokens_for_any_model_unless_the_adapter_knows_better() {
            ModelPort port = (request, listener) -> {
                throw new AssertionError("not called");
            };
            assertThat(port.tokenCounter("gpt-4o")).isSameAs(EstimatedTokens.INSTANCE);
            assertThat(port.tokenCounter("")).isSameAs(EstimatedTokens.INSTANCE);
        }
    }
}
