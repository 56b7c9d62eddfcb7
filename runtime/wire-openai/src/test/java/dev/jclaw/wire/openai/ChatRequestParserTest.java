package dev.jclaw.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {
    private static final ChatRequestParser SERVER = new ChatRequestParser(RequestLimits.SERVER);
    private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

    static ChatRequest parse(String json) throws InvalidRequestException {
        return SERVER.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    static InvalidRequestException refused(String json) {
        return catchThrowableOfType(InvalidRequestException.class, () -> parse(json));
    }

    static String withMessages(String messages) {
        return "{\"model\": \"jclaw\", \"messages\": " + messages + "}";
    }

    @Nested
    class Accepts {
        @Test
        void a_full_request_with_every_documented_field() throws Exception {
            ChatRequest r = parse("""
                    {"model": "jclaw", "stream": true, "stream_options": {"include_usage": true},
                     "max_tokens": 100, "max_completion_tokens": 50, "temperature": 0.7, "top_p": 1, "user": "ann",
                     "n": 1, "tool_choice": "auto", "tools": [], "some_future_field": {"x": [1, 2]},
                     "messages": [
                       {"role": "system", "content": "be brief"},
                       {"role": "developer", "content": [{"type": "text", "text": "really"}]},
                       {"role": "user", "name": "ann", "content": [{"type": "text", "text": "what is this?"},
                         {"type": "image_url", "image_url": {"url": "%s", "detail": "low"}},
                         {"type": "image_url", "image_url": {"url": "https://example.org/a.png"}}]},
                       {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                         "function": {"name": "look", "arguments": "{}"}}]},
                       {"role": "tool", "tool_call_id": "c1", "content": "a cat"},
                       {"role": "assistant", "content": [{"type": "refusal", "refusal": "no"}]}]}
                    """.formatted(PNG));
            assertThat(r.model()).isEqualTo("jclaw");
            assertThat(r.stream()).isTrue();
            assertThat(r.includeUsage()).isTrue();
            assertThat(r.maxTokens()).as("max_completion_tokens wins").isEqualTo(50);
            assertThat(r.sampling().temperature()).hasValue(0.7);
            assertThat(r.user()).isEqualTo("ann");
            assertThat(r.messages()).extracting(ChatRequest.Message::role).containsExactly(Role.SYSTEM,
                    Role.DEVELOPER, Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT);
            ChatRequest.Message user = r.messages().get(2);
            assertThat(user.text()).isEqualTo("what is this?");
            assertThat(user.images()).extracting(Part.Image::url).containsExactly(PNG, "https://example.org/a.png");
            assertThat(user.images().getFirst().inline()).isTrue();
            assertThat(r.messages().get(3).toolCalls()).containsExactly(new ChatRequest.ToolCall("c1", "look", "{}"));
            assertThat(r.messages().get(4).toolCallId()).isEqualTo("c1");
            assertThat(r.lastUserMessage()).contains(user);
        }

        @Test
        void the_older_max_tokens_and_defaults() throws Exception {
            ChatRequest r = parse("{\"model\": \"m\", \"max_tokens\": 7, \"messages\": [{\"role\": \"user\","
                    + " \"content\": \"hi\"}]}");
            assertThat(r.maxTokens()).isEqualTo(7);
            assertThat(r.stream()).isFalse();
            assertThat(r.includeUsage()).isFalse();
            assertThat(r.sampling()).isEqualTo(ChatRequest.Sampling.DEFAULT);
        }

        @Test
        void client_tools_when_the_limits_accept_them() throws Exception {
            ChatRequest r = new ChatRequestParser(RequestLimits.PROVIDER).parse("{\"model\": \"m\", \"messages\":"
                    + " [{\"role\": \"user\", \"content\": \"hi\"}], \"tool_choice\": \"required\", \"tools\":"
                    + " [{\"type\": \"function\", \"function\": {\"name\": \"read\", \"parameters\": {\"type\":"
                    + " \"object\"}}}]}");
            assertThat(r.tools()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("read");
                assertThat(t.parameters()).isEqualTo(JsonObject.builder().put("type", "object").build());
            });
        }
    }

    @Nested
    class Refuses {
        @Test
        void an_unknown_role_naming_the_field_path() {
            InvalidRequestException e = refused(withMessages("[{\"role\": \"user\", \"content\": \"a\"},"
                    + " {\"role\": \"user\", \"content\": \"b\"}, {\"role\": \"user\", \"content\": \"c\"},"
                    + " {\"role\": \"wizard\", \"content\": \"d\"}]"));
            assertThat(e.getMessage()).isEqualTo("messages[3].role: expected one of system, developer, user,"
                    + " assistant, tool, got \"wizard\"");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo("messages[3].role");
            assertThat(e.toErrorBody().toJson()).isEqualTo("{\"error\":{\"message\":\"messages[3].role: expected"
                    + " one of system, developer, user, assistant, tool, got \\\"wizard\\\"\",\"type\":"
                    + "\"invalid_request_error\",\"param\":\"messages[3].role\",\"code\":\"invalid_value\"}}");
        }

        @Test
        void wrong_types_and_missing_members() {
            assertThat(refused("{\"messages\": []}").getMessage()).isEqualTo("model: is required");
            assertThat(refused("{\"model\": 5, \"messages\": []}").getMessage())
                    .isEqualTo("model: expected a string, got 5");
            assertThat(refused("{\"model\": \"m\"}").getMessage()).isEqualTo("messages: is required");
            assertThat(refused(withMessages("[]")).getMessage())
                    .isEqualTo("messages: must contain at least one message");
            assertThat(refused(withMessages("{}")).getMessage()).isEqualTo("messages: expected an array, got object");
            assertThat(refused(withMessages("[\"hi\"]")).getMessage())
                    .isEqualTo("messages[0]: expected an object, got \"hi\"");
            assertThat(refused(withMessages("[{\"role\": \"user\"}]")).getMessage())
                    .isEqualTo("messages[0].content: is required");
            assertThat(refused(withMessages("[{\"role\": \"user\", \"content\": 42}]")).getMessage())
                    .isEqualTo("messages[0].content: expected a string or an array of content parts, got 42");
            assertThat(refused(withMessages("[{\"role\": \"tool\", \"content\": \"r\"}]")).getMessage())
                    .isEqualTo("messages[0].tool_call_id: is required");
            assertThat(refused(withMessages("[{\"role\": \"assistant\"}]")).getMessage())
                    .isEqualTo("messages[0]: an assistant message needs content or tool_calls");
            assertThat(refused("{\"model\": \"m\", \"stream\": \"yes\", \"messages\": []}").getMessage())
                    .isEqualTo("stream: expected a boolean, got \"yes\"");
            assertThat(refused("{\"model\": \"m\", \"temperature\": 3, \"messages\": []}").getMessage())
                    .isEqualTo("temperature: expected a number from 0 to 2, got 3");
            assertThat(refused("{\"model\": \"m\", \"max_tokens\": 0, \"messages\": []}").getMessage())
                    .isEqualTo("max_tokens: expected a positive integer, got 0");
            assertThat(refused("{\"model\": \"m\", \"n\": 2, \"messages\": []}").param()).isEqualTo("n");
        }

        @Test
        void parts_a_role_may_not_carry_and_bad_images() {
            assertThat(refused(withMessages("[{\"role\": \"system\", \"content\": [{\"type\": \"image_url\","
                    + " \"image_url\": {\"url\": \"" + PNG + "\"}}]}]")).getMessage())
                    .isEqualTo("messages[0].content[0].type: a system message takes parts of type text, got"
                            + " \"image_url\"");
            assertThat(refused(withMessages("[{\"role\": \"user\", \"content\": [{\"type\": \"audio\"}]}]"))
                    .getMessage()).isEqualTo("messages[0].content[0].type: expected one of text, image_url, got"
                            + " \"audio\"");
            String image = "[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\":"
                    + " {\"url\": \"%s\"}}]}]";
            assertThat(refused(withMessages(image.formatted("file:///etc/passwd"))).getMessage())
                    .startsWith("messages[0].content[0].image_url.url: expected a data:image/...;base64 URL or an"
                            + " http(s) URL");
            assertThat(refused(withMessages(image.formatted("data:text/html;base64,PGI+"))).getMessage())
                    .contains("expected an image of type image/png");
            assertThat(refused(withMessages(image.formatted("data:image/png;base64,iV*Rw0KG"))).getMessage())
                    .contains("invalid character at offset 2");
            assertThat(refused(withMessages(image.formatted("data:image/png,abcd"))).getMessage())
                    .contains("data:image/png;base64,<data>");
        }

        @Test
        void tool_calls_without_ids_or_twice_the_same_id() {
            String call = "{\"id\": \"%s\", \"type\": \"function\", \"function\": {\"name\": \"f\", \"arguments\":"
                    + " \"{}\"}}";
            assertThat(refused(withMessages("[{\"role\": \"assistant\", \"tool_calls\": [" + call.formatted("")
                    + "]}]")).getMessage()).isEqualTo("messages[0].tool_calls[0].id: must not be empty");
            assertThat(refused(withMessages("[{\"role\": \"assistant\", \"tool_calls\": [" + call.formatted("a")
                    + ", " + call.formatted("a") + "]}]")).getMessage())
                    .isEqualTo("messages[0].tool_calls[1].id: the id \"a\" is used twice in one message");
        }

        @Test
        void client_tools_on_a_server_saying_why() {
            InvalidRequestException tools = refused("{\"model\": \"m\", \"messages\": [{\"role\": \"user\","
                    + " \"content\": \"hi\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"x\"}}]}");
            assertThat(tools.param()).isEqualTo("tools");
            assertThat(tools.code()).isEqualTo("unsupported_parameter");
            assertThat(tools.getMessage()).contains("runs the agent's own tools on the server");
            assertThat(refused("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                    + " \"tool_choice\": \"required\"}").param()).isEqualTo("tool_choice");
        }
    }

    @Nested
    class HostileInput {
        @Test
        void invalid_utf8_is_refused_not_replaced() {
            byte[] body = ("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"a\u00e9\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] broken = body.clone();
            int at = new String(body, StandardCharsets.UTF_8).indexOf('\u00e9'); // the lead byte of é (ASCII before)
            broken[at + 1] = (byte) 0x28; // a lead byte followed by ASCII: malformed
            InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                    () -> SERVER.parse(broken));
            assertThat(e.getMessage()).isEqualTo("the request body is not valid UTF-8 (malformed bytes at offset "
                    + at + ")");
            assertThat(e.code()).isEqualTo("invalid_encoding");
            byte[] truncated = java.util.Arrays.copyOf(body, body.length + 1);
            truncated[body.length] = (byte) 0xE2;
            assertThat(catchThrowableOfType(InvalidRequestException.class, () -> SERVER.parse(truncated)).code())
                    .isEqualTo("invalid_encoding");
        }

        @Test
        void lone_surrogates_bad_json_and_deep_nesting() {
            assertThat(refused(withMessages("[{\"role\": \"user\", \"content\": \"a\\ud800b\"}]")).getMessage())
                    .isEqualTo("messages[0].content: contains a lone surrogate (\\ud800) at character 1, which is"
                            + " not Unicode text");
            assertThat(refused("{\"model\": ").code()).isEqualTo("invalid_json");
            assertThat(refused("[1]").getMessage()).isEqualTo("the request body must be a JSON object, got array");
            assertThat(refused("{\"model\": \"m\", \"model\": \"n\", \"messages\": []}").code())
                    .isEqualTo("invalid_json");
            assertThat(refused("{\"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}").code())
                    .isEqualTo("invalid_json");
        }

        @Test
        void the_server_limits_turn_away_a_10_mb_message_and_10000_messages() {
            InvalidRequestException big = refused(withMessages("[{\"role\": \"user\", \"content\": \""
                    + "x".repeat(10_000_000) + "\"}]"));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.getMessage()).isEqualTo("messages: the content of the messages is longer than 4000000"
                    + " characters (passed at messages[0])");
            InvalidRequestException many = refused(withMessages("[" + String.join(",", java.util.Collections.nCopies(
                    10_000, "{\"role\": \"user\", \"content\": \"hi\"}")) + "]"));
            assertThat(many.status()).isEqualTo(413);
            assertThat(many.getMessage()).isEqualTo("messages: 10000 messages; at most 2000 are accepted in one"
                    + " request");
        }

        @Test
        void oversized_requests_get_413() {
            ChatRequestParser small = new ChatRequestParser(new RequestLimits(1_000, 3, 20,
                    RequestLimits.ClientTools.REFUSE));
            String msg = "{\"role\": \"user\", \"content\": \"%s\"}";
            InvalidRequestException many = catchThrowableOfType(InvalidRequestException.class, () -> small.parse(
                    withMessages("[" + String.join(",", java.util.Collections.nCopies(4, msg.formatted("x"))) + "]")));
            assertThat(many.status()).isEqualTo(413);
            assertThat(many.getMessage()).isEqualTo("messages: 4 messages; at most 3 are accepted in one request");
            InvalidRequestException longText = catchThrowableOfType(InvalidRequestException.class,
                    () -> small.parse(withMessages("[" + msg.formatted("x".repeat(15)) + ", "
                            + msg.formatted("y".repeat(15)) + "]")));
            assertThat(longText.status()).isEqualTo(413);
            assertThat(longText.getMessage()).contains("longer than 20 characters (passed at messages[1])");
            InvalidRequestException body = catchThrowableOfType(InvalidRequestException.class,
                    () -> small.parse(new byte[1_001]));
            assertThat(body.status()).isEqualTo(413);
            assertThat(body.code()).isEqualTo("request_too_large");
        }
    }
}
