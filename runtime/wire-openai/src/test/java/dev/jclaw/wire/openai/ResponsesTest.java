package dev.jclaw.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTest {
    private static final Usage USAGE = new Usage(1200, 5, 1024, 2);

    @Test
    void a_completion_is_written_as_openai_writes_it() {
        ChatCompletion c = new ChatCompletion("chatcmpl-1", 1_700_000_000L, "jclaw", "fp_1", "Hello!", "", List.of(),
                "stop", USAGE);
        assertThat(c.toJson()).isEqualTo("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"jclaw\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + "\"Hello!\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":5,\"total_tokens\":1205,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":2,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
                + "\"rejected_prediction_tokens\":0}},\"system_fingerprint\":\"fp_1\"}");
        assertThat(ChatCompletion.newId()).matches("chatcmpl-[0-9a-f]{24}");
    }

    @Test
    void a_completion_with_tool_calls_has_null_content() {
        ChatCompletion c = new ChatCompletion("chatcmpl-1", 1, "m", "", "", "thinking",
                List.of(new ChatCompletion.ToolCall("c1", "read", "{}")), "tool_calls", USAGE);
        JsonObject message = Json.parseObject(c.toJson()).optArray("choices").orElseThrow().get(0)
                .toJson().transform(Json::parseObject).optObject("message").orElseThrow();
        assertThat(message.get("content")).hasValueSatisfying(v -> assertThat(v.typeName()).isEqualTo("null"));
        assertThat(message.string("reasoning_content")).isEqualTo("thinking");
        assertThat(message.optArray("tool_calls").orElseThrow().get(0).toJson())
                .isEqualTo("{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"{}\"}}");
    }

    @Test
    void chunks_repeat_id_created_and_model_and_end_with_usage() {
        ChatCompletionChunk.Stream s = new ChatCompletionChunk.Stream("chatcmpl-2", 5, "jclaw", "", true);
        assertThat(s.role()).isEqualTo("{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":5,"
                + "\"model\":\"jclaw\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
                + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
        assertThat(Json.parseObject(s.content("Hi")).optArray("choices").orElseThrow().get(0).toJson())
                .isEqualTo("{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"logprobs\":null,\"finish_reason\":null}");
        assertThat(Json.parseObject(s.finish("stop")).optArray("choices").orElseThrow().get(0).toJson())
                .isEqualTo("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}");
        JsonObject usage = Json.parseObject(s.usage(USAGE));
        assertThat(usage.optArray("choices").orElseThrow().size()).isZero();
        assertThat(Usage.fromJson(usage.optObject("usage").orElseThrow())).isEqualTo(USAGE);
        assertThat(new ChatCompletionChunk.Stream("c", 5, "m", "fp", false).content("x"))
                .doesNotContain("usage").contains("\"system_fingerprint\":\"fp\"");
        assertThat(Json.parseObject(s.toolCallStart(0, "c1", "read", "")).toJson()).contains(
                "\"tool_calls\":[{\"index\":0,\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"read\","
                        + "\"arguments\":\"\"}}]");
        assertThat(s.toolCallArguments(0, "{\"a\"")).contains("{\"index\":0,\"function\":{\"arguments\":"
                + "\"{\\\"a\\\"\"}}");
    }

    @Test
    void model_lists_and_error_bodies() {
        assertThat(new ModelList(List.of(new ModelList.Model("jclaw", 7, "jclaw"))).toJson())
                .isEqualTo("{\"object\":\"list\",\"data\":[{\"id\":\"jclaw\",\"object\":\"model\",\"created\":7,"
                        + "\"owned_by\":\"jclaw\"}]}");
        assertThat(ErrorBody.modelNotFound("gpt-9").toJson()).isEqualTo("{\"error\":{\"message\":\"The model"
                + " \\\"gpt-9\\\" does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\","
                + "\"param\":\"model\",\"code\":\"model_not_found\"}}");
        assertThat(new ErrorBody("boom", ErrorBody.SERVER, "", "").toJson())
                .isEqualTo("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
        assertThat(ErrorBody.parse("{\"error\": {\"message\": \"m\", \"code\": 429}}"))
                .contains(new ErrorBody("m", "", "", "429"));
        assertThat(ErrorBody.parse("{\"message\": \"top\"}")).map(ErrorBody::message).contains("top");
        assertThat(ErrorBody.parse("<html>")).isEmpty();
        assertThat(ErrorBody.parse("{\"error\": {\"message\": 5}}")).isEmpty();
    }
}
