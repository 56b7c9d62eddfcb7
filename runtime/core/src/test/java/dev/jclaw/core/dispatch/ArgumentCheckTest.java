package dev.jclaw.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgumentCheckTest {
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"pattern\":{\"type\":\"string\"},"
            + "\"limit\":{\"type\":\"integer\"}},\"required\":[\"pattern\"]}";

    @TempDir
    Path workspace;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger runs = new AtomicInteger();
    final List<Approver.ApprovalRequest> asked = new CopyOnWriteArrayList<>();

    List<ToolDispatcher.Outcome> dispatch(ToolCall call, String schema, ToolClass toolClass) throws Exception {
        TestTools tools = new TestTools().add(call.name(), toolClass, schema,
                ctx -> ToolResult.ok("ran " + runs.incrementAndGet() + " " + ctx.arguments().toJson()));
        return new ToolDispatcher(tools, Duration.ofSeconds(5), new OutputLimit(10_000)).dispatch(List.of(call),
                new ToolDispatcher.Scope(new TurnContext("t:me", "s", "go"), workspace, ApprovalPolicy.WRITES,
                        request -> {
                            asked.add(request);
                            return true;
                        }, events::add));
    }

    @Nested
    class InTheDispatcher {
        @Test
        void a_mismatch_gives_one_result_naming_each_path_and_the_tool_does_not_run() throws Exception {
            var outcome = dispatch(new ToolCall("1", "grep", "{\"limit\": \"ten\"}"), SCHEMA, ToolClass.READ)
                    .getFirst();
            assertThat(outcome.result()).isEqualTo(ToolResult.failed("the arguments of grep do not match its"
                    + " parameters schema: required property \"pattern\" is missing; limit: expected integer, got"
                    + " string. The tool did not run; send the call again with corrected arguments"));
            assertThat(outcome.known()).isTrue();
            assertThat(runs).hasValue(0);
            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("ToolStarted", "ToolFinished");
        }

        @Test
        void malformed_json_is_refused_before_the_schema() throws Exception {
            var outcome = dispatch(new ToolCall("1", "grep", "{\"pattern\": "), SCHEMA, ToolClass.READ).getFirst();
            assertThat(outcome.result()).isInstanceOfSatisfying(ToolResult.Failed.class, f -> assertThat(f.message())
                    .startsWith("the arguments of grep are not a valid JSON object (").endsWith("send them again as"
                            + " JSON"));
            assertThat(runs).hasValue(0);
        }

        @Test
        void a_write_with_bad_arguments_is_refused_before_anyone_is_asked() throws Exception {
            dispatch(new ToolCall("1", "write", "{}"), SCHEMA, ToolClass.WRITE);
            assertThat(asked).isEmpty();
            assertThat(events).noneMatch(e -> e instanceof AgentEvent.ApprovalRequested);
            assertThat(runs).hasValue(0);
        }

        @Test
        void valid_arguments_reach_the_tool_after_approval() throws Exception {
            var outcome = dispatch(new ToolCall("1", "write", "{\"pattern\": \"x\", \"limit\": 3}"), SCHEMA,
                    ToolClass.WRITE).getFirst();
            assertThat(outcome.result()).isEqualTo(ToolResult.ok("ran 1 {\"pattern\":\"x\",\"limit\":3}"));
            assertThat(asked).hasSize(1);
        }

        @Test
        void a_tool_whose_own_schema_is_broken_still_runs_unchecked() throws Exception {
            var outcome = dispatch(new ToolCall("1", "odd", "{\"any\": 1}"), "{\"minLength\": \"x\"}",
                    ToolClass.READ).getFirst();
            assertThat(outcome.result()).isEqualTo(ToolResult.ok("ran 1 {\"any\":1}"));
        }
    }

    @Test
    void blank_arguments_count_as_an_empty_object() {
        ArgumentCheck check = new ArgumentCheck();
        assertThat(check.check(new ToolDefinition("now", "", "{\"type\":\"object\"}"), " "))
                .isInstanceOf(ArgumentCheck.Result.Valid.class);
        assertThat(check.check(new ToolDefinition("grep", "", SCHEMA), ""))
                .isInstanceOfSatisfying(ArgumentCheck.Result.Invalid.class,
                        i -> assertThat(i.message()).contains("required property \"pattern\" is missing"));
    }

    @Test
    void too_many_violations_end_with_an_ellipsis() {
        StringBuilder args = new StringBuilder("{\"pattern\":\"x\",\"xs\":[");
        for (int i = 0; i < 50; i++) {
            args.append(i == 0 ? "" : ",").append("\"s\"");
        }
        args.append("]}");
        var result = new ArgumentCheck().check(new ToolDefinition("t", "",
                "{\"properties\":{\"xs\":{\"items\":{\"type\":\"integer\"}}}}"), args.toString());
        assertThat(result).isInstanceOfSatisfying(ArgumentCheck.Result.Invalid.class,
                i -> assertThat(i.message()).contains("xs[9]: expected integer, got string; …").doesNotContain("xs[10]"));
    }
}
