package dev.jclaw.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovalsTest {
    static final Principal ALICE = new Principal(new UserId("alice"), false, Tier.APPROVAL);
    static final Principal BOB = new Principal(new UserId("bob"), false, Tier.YOLO);
    static final Principal ROOT = new Principal(new UserId("root"), true, Tier.YOLO);

    final List<ApprovalEvent> audit = new CopyOnWriteArrayList<>();

    Approvals broker(Duration deadline) {
        Approvals approvals = new Approvals(deadline, 4, 2);
        approvals.listen(audit::add);
        return approvals;
    }

    static Approvals.Request request(String session, Principal who, String tool) {
        return new Approvals.Request(session, who, "call-1", tool, "{\"path\":\"notes.md\"}");
    }

    /** A turn waiting on its own virtual thread, as the dispatcher waits. */
    static final class Waiting {
        final CompletableFuture<PendingApproval> announced = new CompletableFuture<>();
        final CompletableFuture<AskOutcome> outcome = new CompletableFuture<>();
        final Thread thread;

        Waiting(Approvals approvals, Approvals.Request request, Approver client) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    outcome.complete(approvals.ask(request, client, announced::complete));
                } catch (InterruptedException e) {
                    outcome.completeExceptionally(e);
                }
            });
        }

        Waiting(Approvals approvals, Approvals.Request request) {
            this(approvals, request, Approver.NONE);
        }

        PendingApproval pending() throws Exception {
            return announced.get(5, TimeUnit.SECONDS);
        }

        Decision decision() throws Exception {
            return ((AskOutcome.Settled) outcome.get(5, TimeUnit.SECONDS)).decision();
        }
    }

    @Nested
    class Answers {
        final Approvals approvals = broker(Duration.ofSeconds(30));

        @Test
        void the_originators_yes_lets_the_call_run() throws Exception {
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            assertThat(approvals.answer(pending.id(), ALICE, true, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(turn.decision()).isEqualTo(new Decision.Answered(ALICE.id(), false, true, "web"));
            assertThat(approvals.pending(ALICE.id())).isEmpty();
        }

        @Test
        void another_users_answer_is_forbidden_and_settles_nothing() throws Exception {
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            assertThat(approvals.answer(pending.id(), BOB, true, "web")).isEqualTo(AnswerOutcome.FORBIDDEN);
            assertThat(approvals.pending(ALICE.id())).containsExactly(pending);
            assertThat(turn.outcome).isNotDone();
            assertThat(approvals.answer(pending.id(), ALICE, false, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(turn.decision().approved()).isFalse();
        }

        @Test
        void an_admin_may_answer_for_anyone_and_is_named_as_such() throws Exception {
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            assertThat(approvals.answer(turn.pending().id(), ROOT, true, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(turn.decision()).isEqualTo(new Decision.Answered(ROOT.id(), true, true, "web"));
        }

        @Test
        void unknown_settled_and_malformed_ids_are_all_not_found() throws Exception {
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            assertThat(approvals.answer(pending.id(), ALICE, true, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(approvals.answer(pending.id(), ALICE, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
            assertThat(approvals.answer(ApprovalId.random(), ALICE, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
            assertThat(approvals.answer("../../etc/passwd\n", ALICE, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
            assertThat(approvals.answer("x".repeat(100_000), ROOT, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
        }

        @Test
        void of_two_answers_racing_exactly_one_is_accepted() throws Exception {
            for (int round = 0; round < 50; round++) {
                Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
                ApprovalId id = turn.pending().id();
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<AnswerOutcome>> answers = new ArrayList<>();
                for (Principal who : List.of(ALICE, ROOT)) {
                    CompletableFuture<AnswerOutcome> answer = new CompletableFuture<>();
                    Thread.ofVirtual().start(() -> {
                        try {
                            go.await();
                            answer.complete(approvals.answer(id, who, who == ALICE, "web"));
                        } catch (InterruptedException e) {
                            answer.completeExceptionally(e);
                        }
                    });
                    answers.add(answer);
                }
                go.countDown();
                List<AnswerOutcome> outcomes = new ArrayList<>();
                for (CompletableFuture<AnswerOutcome> a : answers) {
                    outcomes.add(a.get(5, TimeUnit.SECONDS));
                }
                assertThat(outcomes).containsExactlyInAnyOrder(AnswerOutcome.ACCEPTED, AnswerOutcome.NOT_FOUND);
                Decision.Answered won = (Decision.Answered) turn.decision();
                // the decision is the accepted answer's, whichever it was
                assertThat(won.approved()).isEqualTo(won.by().equals(ALICE.id()));
            }
            assertThat(audit).filteredOn(e -> e instanceof ApprovalEvent.Decided).hasSize(50);
        }
    }

    @Nested
    class Deadlines {
        @Test
        void nobody_answering_refuses_the_call_at_the_deadline() throws Exception {
            Approvals approvals = broker(Duration.ofMillis(150));
            long start = System.nanoTime();
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            assertThat(pending.deadline()).isEqualTo(pending.created().plusMillis(150));
            assertThat(turn.decision()).isEqualTo(new Decision.Expired());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(140),
                    Duration.ofSeconds(3));
            assertThat(approvals.pending(ALICE.id())).isEmpty();
        }

        @Test
        void an_answer_after_the_deadline_hears_expired_and_changes_nothing() throws Exception {
            Approvals approvals = broker(Duration.ofMillis(100));
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            ApprovalId id = turn.pending().id();
            assertThat(turn.decision()).isEqualTo(new Decision.Expired());
            assertThat(approvals.answer(id, ALICE, true, "web")).isEqualTo(AnswerOutcome.EXPIRED);
            assertThat(approvals.answer(id, ROOT, true, "web")).isEqualTo(AnswerOutcome.EXPIRED);
            assertThat(approvals.answer(id, BOB, true, "web")).isEqualTo(AnswerOutcome.FORBIDDEN);
            assertThat(audit).filteredOn(e -> e instanceof ApprovalEvent.Decided)
                    .singleElement().extracting(e -> ((ApprovalEvent.Decided) e).decision())
                    .isEqualTo(new Decision.Expired());
        }

        @Test
        void rejects_a_deadline_that_is_not_positive_and_caps_below_one() {
            assertThatThrownBy(() -> new Approvals(Duration.ZERO, 1, 1)).hasMessageContaining("positive");
            assertThatThrownBy(() -> new Approvals(Duration.ofSeconds(1), 0, 1)).hasMessageContaining("at least 1");
        }
    }

    @Nested
    class Aborts {
        @Test
        void aborting_the_turn_while_it_waits_refuses_and_forgets_the_approval() throws Exception {
            Approvals approvals = broker(Duration.ofSeconds(30));
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            turn.thread.interrupt();
            assertThat(turn.outcome).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().havingCause().isInstanceOf(InterruptedException.class);
            assertThat(approvals.pending(ALICE.id())).isEmpty();
            assertThat(approvals.answer(pending.id(), ALICE, true, "web")).isEqualTo(AnswerOutcome.NOT_FOUND);
            assertThat(audit).filteredOn(e -> e instanceof ApprovalEvent.Decided).singleElement()
                    .extracting(e -> ((ApprovalEvent.Decided) e).decision())
                    .isInstanceOf(Decision.Aborted.class);
        }

        @Test
        void a_client_that_cannot_ask_aborts_the_approval() throws Exception {
            Approvals approvals = broker(Duration.ofSeconds(30));
            Waiting turn = new Waiting(approvals, request("cli:me", Approvals.TERMINAL, "write"), r -> {
                throw new InterruptedException("no terminal to ask for approval");
            });
            assertThat(turn.decision()).isEqualTo(new Decision.Aborted("no terminal to ask for approval"));
        }
    }

    @Nested
    class Clients {
        @Test
        void a_blocking_prompt_answers_as_the_originator() throws Exception {
            Approvals approvals = broker(Duration.ofSeconds(30));
            List<Approver.ApprovalRequest> asked = new CopyOnWriteArrayList<>();
            Waiting turn = new Waiting(approvals, request("cli:me", Approvals.TERMINAL, "write"), r -> {
                asked.add(r);
                return true;
            });
            assertThat(turn.decision()).isEqualTo(new Decision.Answered(UserId.ADMIN, false, true, Approvals.PROMPT));
            assertThat(asked).singleElement().isEqualTo(new Approver.ApprovalRequest("cli:me", "call-1", "write",
                    "{\"path\":\"notes.md\"}"));
        }

        @Test
        void another_channel_may_answer_first_and_the_prompt_is_interrupted() throws Exception {
            Approvals approvals = broker(Duration.ofSeconds(30));
            CompletableFuture<Boolean> promptInterrupted = new CompletableFuture<>();
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"), r -> {
                try {
                    new CountDownLatch(1).await();
                    return true;
                } catch (InterruptedException e) {
                    promptInterrupted.complete(true);
                    throw e;
                }
            });
            assertThat(approvals.answer(turn.pending().id(), ALICE, false, "web")).isEqualTo(AnswerOutcome.ACCEPTED);
            assertThat(turn.decision().approved()).isFalse();
            assertThat(promptInterrupted.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Nested
    class Bookkeeping {
        final Approvals approvals = broker(Duration.ofSeconds(30));

        @Test
        void pending_approvals_are_listed_per_user_and_session_with_a_digest_and_a_bounded_preview()
                throws Exception {
            String big = "{\"text\":\"" + "x".repeat(5_000) + "\"}";
            Waiting one = new Waiting(approvals, new Approvals.Request("web:alice", ALICE, "c1", "write", big));
            PendingApproval first = one.pending();
            Waiting two = new Waiting(approvals, request("feishu:alice", ALICE, "bash"));
            PendingApproval second = two.pending();
            assertThat(approvals.pending(ALICE.id())).containsExactlyInAnyOrder(first, second);
            assertThat(approvals.pendingInSession("feishu:alice")).containsExactly(second);
            assertThat(approvals.pending(BOB.id())).isEmpty();
            assertThat(approvals.pending()).containsExactlyInAnyOrder(first, second);
            assertThat(first.argumentsPreview()).hasSize(Approvals.PREVIEW_CHARS + 1).endsWith("…");
            assertThat(first.argumentsDigest()).isEqualTo(Approvals.digest(big)).hasSize(64).matches("[0-9a-f]+");
            assertThat(first.created()).isBefore(Instant.now().plusSeconds(1));
            one.thread.interrupt();
            two.thread.interrupt();
        }

        @Test
        void ids_are_random_url_safe_and_distinct() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                String id = ApprovalId.random().value();
                assertThat(id).matches("[A-Za-z0-9_-]{22}");
                seen.add(id);
            }
            assertThat(seen).hasSize(10_000);
            assertThat(ApprovalId.parse(null)).isEmpty();
            assertThat(ApprovalId.parse("short")).isEmpty();
        }

        @Test
        void beyond_the_cap_per_session_a_call_is_refused_without_asking() throws Exception {
            Waiting one = new Waiting(approvals, request("web:alice", ALICE, "write"));
            Waiting two = new Waiting(approvals, request("web:alice", ALICE, "write"));
            one.pending();
            two.pending();
            AskOutcome third = approvals.ask(request("web:alice", ALICE, "bash"), Approver.NONE, p -> {
                throw new AssertionError("a refused call is never announced");
            });
            assertThat(third).isInstanceOfSatisfying(AskOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("2 approvals already wait in this conversation", "bash"));
            assertThat(audit).filteredOn(e -> e instanceof ApprovalEvent.Refused).singleElement()
                    .satisfies(e -> assertThat(((ApprovalEvent.Refused) e).tool()).isEqualTo("bash"));
            one.thread.interrupt();
            two.thread.interrupt();
        }

        @Test
        void beyond_the_cap_per_user_a_call_is_refused_across_sessions() throws Exception {
            List<Waiting> turns = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Waiting w = new Waiting(approvals, request("web:alice-" + i, ALICE, "write"));
                w.pending();
                turns.add(w);
            }
            AskOutcome fifth = approvals.ask(request("web:alice-9", ALICE, "write"), Approver.NONE, p -> {
            });
            assertThat(fifth).isInstanceOfSatisfying(AskOutcome.Refused.class,
                    r -> assertThat(r.reason()).contains("4 approvals already wait for alice"));
            turns.forEach(t -> t.thread.interrupt());
        }

        @Test
        void every_request_and_decision_reaches_the_listeners_even_when_one_fails() throws Exception {
            BlockingQueue<ApprovalEvent> second = new LinkedBlockingQueue<>();
            approvals.listen(e -> {
                throw new IllegalStateException("audit store down");
            });
            approvals.listen(second::add);
            Waiting turn = new Waiting(approvals, request("web:alice", ALICE, "write"));
            PendingApproval pending = turn.pending();
            approvals.answer(pending.id(), ROOT, true, "web");
            turn.decision();
            assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo(new ApprovalEvent.Requested(pending));
            assertThat(second.poll(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ApprovalEvent.Decided.class,
                    d -> assertThat(d.decision()).isEqualTo(new Decision.Answered(ROOT.id(), true, true, "web")));
            assertThat(audit).hasSize(2);
        }
    }

    @Nested
    class Admissions {
        @Test
        void the_stricter_of_tier_and_policy_decides() {
            var write = dev.jclaw.api.tool.ToolClass.WRITE;
            var read = dev.jclaw.api.tool.ToolClass.READ;
            assertThat(Admission.of(Tier.READ_ONLY, ApprovalPolicy.NEVER, write)).isEqualTo(Admission.REFUSE);
            assertThat(Admission.of(Tier.READ_ONLY, ApprovalPolicy.ALL, write)).isEqualTo(Admission.REFUSE);
            assertThat(Admission.of(Tier.READ_ONLY, ApprovalPolicy.NEVER, read)).isEqualTo(Admission.RUN);
            assertThat(Admission.of(Tier.READ_ONLY, ApprovalPolicy.ALL, read)).isEqualTo(Admission.ASK);
            assertThat(Admission.of(Tier.APPROVAL, ApprovalPolicy.NEVER, write)).isEqualTo(Admission.ASK);
            assertThat(Admission.of(Tier.APPROVAL, ApprovalPolicy.NEVER, read)).isEqualTo(Admission.RUN);
            assertThat(Admission.of(Tier.YOLO, ApprovalPolicy.NEVER, write)).isEqualTo(Admission.RUN);
            assertThat(Admission.of(Tier.YOLO, ApprovalPolicy.WRITES, write)).isEqualTo(Admission.ASK);
            assertThat(Admission.of(Tier.YOLO, ApprovalPolicy.WRITES, read)).isEqualTo(Admission.RUN);
        }

        @Test
        void a_tier_lowered_for_a_turn_never_rises() {
            assertThat(ALICE.lowered(Tier.YOLO).tier()).isEqualTo(Tier.APPROVAL);
            assertThat(ALICE.lowered(Tier.READ_ONLY).tier()).isEqualTo(Tier.READ_ONLY);
        }
    }
}
