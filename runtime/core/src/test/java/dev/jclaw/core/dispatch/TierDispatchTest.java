package dev.jclaw.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.AnswerOutcome;
import dev.jclaw.core.approval.ApprovalEvent;
import dev.jclaw.core.approval.ApprovalId;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tier of the user who started a turn, meeting the server's policy and the approval broker in the dispatcher. */
class TierDispatchTest {
    static final Principal ALICE_READ_ONLY = new Principal(new UserId("alice"), false, Tier.READ_ONLY);
    static final Principal ALICE = new Principal(new UserId("alice"), false, Tier.APPROVAL);
    static final Principal ALICE_YOLO = new Principal(new UserId("alice"), false, Tier.YOLO);
    static final Principal BOB = new Principal(new UserId("bob"), false, Tier.YOLO);
    static final Principal ROOT = new Principal(new UserId("root"), true, Tier.YOLO);

    @TempDir
    Path workspace;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final List<ApprovalEvent> audit = new CopyOnWriteArrayList<>();
    final CompletableFuture<AgentEvent.ApprovalRequested> requested = new CompletableFuture<>();
    final AtomicInteger writes = new AtomicInteger();
    final TestTools tools = new TestTools()
            .add("write", ToolClass.WRITE, ctx -> ToolResult.ok("wrote " + writes.incrementAndGet()))
            .add("read", ToolClass.READ, ctx -> ToolResult.ok("read"));
    final ToolDispatcher dispatcher = new ToolDispatcher(tools, Duration.ofSeconds(5), new OutputLimit(1000));

    Approvals approvals(Duration deadline) {
        Approvals approvals = new Approvals(deadline, 8, 4);
        approvals.listen(audit::add);
        return approvals;
    }

    ToolDispatcher.Scope scope(Principal who, ApprovalPolicy policy, Approvals approvals) {
        return new ToolDispatcher.Scope(new TurnContext("web:alice", "s1", "go"), workspace, policy, Approver.NONE,
                e -> {
                    events.add(e);
                    if (e instanceof AgentEvent.ApprovalRequested r) {
                        requested.complete(r);
                    }
                }, who, approvals);
    }

    /** Dispatches on a virtual thread of its own, as a turn does. */
    CompletableFuture<List<ToolDispatcher.Outcome>> start(List<ToolCall> calls, ToolDispatcher.Scope scope) {
        CompletableFuture<List<ToolDispatcher.Outcome>> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(dispatcher.dispatch(calls, scope));
            } catch (InterruptedException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    static ToolCall call(String id, String name) {
        return new ToolCall(id, name, "{}");
    }

    @Nested
    class ReadOnly {
        @Test
        void refuses_a_write_without_asking_anyone_and_reports_it() throws Exception {
            Approvals approvals = approvals(Duration.ofSeconds(30));
            var outcomes = dispatcher.dispatch(List.of(call("1", "write"), call("2", "read")),
                    scope(ALICE_READ_ONLY, ApprovalPolicy.WRITES, approvals));
            assertThat(outcomes.get(0).result()).isEqualTo(new ToolResult.Denied("refused: the user's tier is"
                    + " read-only; write-class tool write does not run. Do not retry it in this turn; tell the user"
                    + " what you would have done"));
            assertThat(outcomes.get(1).result()).isEqualTo(ToolResult.ok("read"));
            assertThat(writes).hasValue(0);
            assertThat(events).noneMatch(e -> e instanceof AgentEvent.ApprovalRequested);
            assertThat(approvals.pending(ALICE.id())).isEmpty();
            assertThat(audit).singleElement().isInstanceOfSatisfying(ApprovalEvent.Refused.class, r -> {
                assertThat(r.user()).isEqualTo(ALICE.id());
                assertThat(r.tier()).isEqualTo(Tier.READ_ONLY);
                assertThat(r.tool()).isEqualTo("write");
                assertThat(r.argumentsDigest()).isEqualTo(Approvals.digest("{}"));
            });
        }

        @Test
        void a_tier_lowered_to_read_only_for_the_turn_refuses_too() throws Exception {
            var outcomes = dispatcher.dispatch(List.of(call("1", "write")),
                    scope(ROOT.lowered(Tier.READ_ONLY), ApprovalPolicy.NEVER, approvals(Duration.ofSeconds(30))));
            assertThat(outcomes.getFirst().result()).isInstanceOf(ToolResult.Denied.class);
            assertThat(writes).hasValue(0);
        }
    }

    @Nested
    class Approval {
        @Test
        void waits_for_the_originators_answer_from_another_channel() throws Exception {
            Approvals approvals = approvals(Duration.ofSeconds(30));
            var done = start(List.of(call("1", "write")), scope(ALICE, ApprovalPolicy.NEVER, approvals));
            AgentEvent.ApprovalRequested asked = requested.get(5, TimeUnit.SECONDS);
            assertThat(asked.reason()).isEqualTo("the user's tier (approval) asks first");
            assertThat(asked.deadline()).isAfter(java.time.Instant.now().plusSeconds(20));
            assertThat(approvals.pending(ALICE.id())).extracting(p -> p.id().value())
                    .containsExactly(asked.approvalId());
            assertThat(approvals.answer(asked.approvalId(), BOB, true, "web")).isEqualTo(AnswerOutcome.FORBIDDEN);
            assertThat(approvals.answer(asked.approvalId(), ALICE, true, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(done.get(5, TimeUnit.SECONDS).getFirst().result()).isEqualTo(ToolResult.ok("wrote 1"));
        }

        @Test
        void an_admins_no_refuses_the_call_and_says_who() throws Exception {
            Approvals approvals = approvals(Duration.ofSeconds(30));
            var done = start(List.of(call("1", "write")), scope(ALICE, ApprovalPolicy.NEVER, approvals));
            String id = requested.get(5, TimeUnit.SECONDS).approvalId();
            assertThat(approvals.answer(id, ROOT, false, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(done.get(5, TimeUnit.SECONDS).getFirst().result())
                    .isEqualTo(new ToolResult.Denied("an admin (root) did not allow write to run"));
            assertThat(writes).hasValue(0);
        }

        @Test
        void a_passed_deadline_refuses_the_call_and_says_so() throws Exception {
            Approvals approvals = approvals(Duration.ofMillis(200));
            var done = start(List.of(call("1", "write")), scope(ALICE, ApprovalPolicy.NEVER, approvals));
            String id = requested.get(5, TimeUnit.SECONDS).approvalId();
            assertThat(done.get(5, TimeUnit.SECONDS).getFirst().result()).isEqualTo(new ToolResult.Denied(
                    "nobody answered the approval request for write within 200 ms, so it did not run"));
            assertThat(approvals.answer(id, ALICE, true, "web")).isEqualTo(AnswerOutcome.EXPIRED);
            assertThat(writes).hasValue(0);
        }

        @Test
        void aborting_the_turn_while_it_waits_ends_the_step_and_forgets_the_approval() throws Exception {
            Approvals approvals = approvals(Duration.ofSeconds(30));
            Thread[] turn = new Thread[1];
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            turn[0] = Thread.ofVirtual().start(() -> {
                try {
                    dispatcher.dispatch(List.of(call("1", "write")), scope(ALICE, ApprovalPolicy.NEVER, approvals));
                    ended.complete(null);
                } catch (InterruptedException e) {
                    ended.complete(e);
                }
            });
            String id = requested.get(5, TimeUnit.SECONDS).approvalId();
            turn[0].interrupt();
            assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(approvals.pending(ALICE.id())).isEmpty();
            assertThat(approvals.answer(ApprovalId.parse(id).orElseThrow(), ALICE, true, "web"))
                    .isEqualTo(AnswerOutcome.NOT_FOUND);
            assertThat(writes).hasValue(0);
        }

        @Test
        void reads_run_without_asking_under_the_approval_tier() throws Exception {
            var outcomes = dispatcher.dispatch(List.of(call("1", "read")),
                    scope(ALICE, ApprovalPolicy.NEVER, approvals(Duration.ofSeconds(30))));
            assertThat(outcomes.getFirst().result()).isEqualTo(ToolResult.ok("read"));
            assertThat(requested).isNotDone();
        }
    }

    @Nested
    class Yolo {
        @Test
        void runs_writes_when_the_policy_says_never() throws Exception {
            var outcomes = dispatcher.dispatch(List.of(call("1", "write")),
                    scope(ALICE_YOLO, ApprovalPolicy.NEVER, approvals(Duration.ofSeconds(30))));
            assertThat(outcomes.getFirst().result()).isEqualTo(ToolResult.ok("wrote 1"));
        }

        @Test
        void still_asks_when_the_servers_policy_is_stricter() throws Exception {
            Approvals approvals = approvals(Duration.ofSeconds(30));
            var done = start(List.of(call("1", "write")), scope(ALICE_YOLO, ApprovalPolicy.WRITES, approvals));
            AgentEvent.ApprovalRequested asked = requested.get(5, TimeUnit.SECONDS);
            assertThat(asked.reason()).isEqualTo("the writes approval policy asks first");
            approvals.answer(asked.approvalId(), ALICE_YOLO, true, "web");
            assertThat(done.get(5, TimeUnit.SECONDS).getFirst().result()).isEqualTo(ToolResult.ok("wrote 1"));
        }
    }
}
