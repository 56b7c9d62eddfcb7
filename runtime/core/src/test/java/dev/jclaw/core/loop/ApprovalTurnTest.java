package dev.jclaw.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.AnswerOutcome;
import dev.jclaw.core.approval.ApprovalEvent;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.approval.Decision;
import dev.jclaw.core.dispatch.TestTools;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole turn whose write call waits in the approval broker, answered (or not) from outside the turn. */
class ApprovalTurnTest {
    static final Principal ALICE = new Principal(new UserId("alice"), false, Tier.APPROVAL);

    @TempDir
    Path workspace;
    final ScriptedModel model = new ScriptedModel();
    final AtomicInteger writes = new AtomicInteger();
    final TestTools tools = new TestTools().add("write", ToolClass.WRITE,
            ctx -> ToolResult.ok("wrote " + writes.incrementAndGet()));
    final List<String> persisted = new CopyOnWriteArrayList<>();
    final List<ApprovalEvent> audit = new CopyOnWriteArrayList<>();
    final CompletableFuture<AgentEvent.ApprovalRequested> requested = new CompletableFuture<>();
    final Approvals approvals = new Approvals(Duration.ofSeconds(30), 8, 4);
    final Transcript transcript = new Transcript() {
        @Override
        public void user(String text, List<ImageInput> images) {
            persisted.add("user: " + text);
        }

        @Override
        public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
            persisted.add("assistant: " + text);
        }

        @Override
        public void toolResult(String callId, String tool, String content, boolean error) {
            persisted.add("tool: " + content);
        }
    };

    AgentLoop.TurnHandle start(Principal who) {
        approvals.listen(audit::add);
        Turn turn = new Turn("web:alice", "s1", "m", "sys", List.of(), "save it", workspace, ApprovalPolicy.NEVER,
                Approver.NONE, transcript, "", new Steering(), who, approvals, List.of());
        return new AgentLoop(model, tools, TurnLimits.DEFAULT).start(turn, e -> {
            if (e instanceof AgentEvent.ApprovalRequested r) {
                requested.complete(r);
            }
        });
    }

    @Test
    void the_turn_waits_until_the_user_answers_from_another_channel() throws Exception {
        model.calls(new ToolCall("1", "write", "{}")).text("saved");
        AgentLoop.TurnHandle handle = start(ALICE);
        String id = requested.get(5, TimeUnit.SECONDS).approvalId();
        assertThat(handle.end()).isNotDone();
        assertThat(approvals.answer(id, ALICE, true, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
        assertThat(handle.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Done.class);
        assertThat(persisted).contains("tool: wrote 1");
    }

    @Test
    void aborting_the_turn_while_it_waits_refuses_the_call_and_ends_the_turn() throws Exception {
        model.calls(new ToolCall("1", "write", "{}")).text("never reached");
        AgentLoop.TurnHandle handle = start(ALICE);
        String id = requested.get(5, TimeUnit.SECONDS).approvalId();
        handle.abort();
        assertThat(handle.end().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(AgentEvent.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(TurnFailure.ABORTED));
        assertThat(approvals.pending(ALICE.id())).isEmpty();
        assertThat(approvals.answer(id, ALICE, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
        assertThat(writes).hasValue(0);
        assertThat(persisted).anySatisfy(p -> assertThat(p).startsWith("tool: interrupted before its result"));
        assertThat(audit).filteredOn(e -> e instanceof ApprovalEvent.Decided).singleElement()
                .satisfies(e -> assertThat(((ApprovalEvent.Decided) e).decision()).isInstanceOf(Decision.Aborted.class));
    }

    @Test
    void a_read_only_user_is_refused_without_a_prompt_and_the_model_reads_why() throws Exception {
        model.calls(new ToolCall("1", "write", "{}")).text("I could not save it");
        AgentLoop.TurnHandle handle = start(ALICE.lowered(Tier.READ_ONLY));
        assertThat(handle.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Done.class);
        assertThat(requested).isNotDone();
        assertThat(writes).hasValue(0);
        List<ChatMessage> second = model.requests.get(1).messages();
        assertThat(second).filteredOn(m -> m instanceof ChatMessage.ToolResult).singleElement()
                .satisfies(m -> assertThat(((ChatMessage.ToolResult) m).content())
                        .startsWith("Denied: refused: the user's tier is read-only; write-class tool write"));
        assertThat(audit).singleElement().isInstanceOf(ApprovalEvent.Refused.class);
    }
}
