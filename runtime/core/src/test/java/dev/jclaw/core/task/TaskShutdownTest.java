package dev.jclaw.core.task;

import static dev.jclaw.core.task.TaskManagerTest.ALICE;
import static dev.jclaw.core.task.TaskManagerTest.BOB;
import static dev.jclaw.core.task.TaskManagerTest.LONG;
import static dev.jclaw.core.task.TaskManagerTest.archive;
import static dev.jclaw.core.task.TaskManagerTest.finished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TaskShutdownTest {
    static final TaskSpec CURATOR = new TaskSpec("curator", TaskCategory.CURATOR, TaskOwner.SYSTEM);

    TaskManager tasks = TaskManager.builder().limit(TaskCategory.ARCHIVE, 1).cutWait(LONG).build();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        tasks.shutdown(Duration.ZERO);
    }

    /** A body that waits, interruptibly, until the test lets it go. */
    TaskBody waiting(CountDownLatch started) {
        return ctx -> {
            started.countDown();
            release.await();
        };
    }

    CompletableFuture<ShutdownReport> shutdownInBackground(Duration grace) throws InterruptedException {
        CompletableFuture<ShutdownReport> report = CompletableFuture.supplyAsync(() -> tasks.shutdown(grace),
                r -> Thread.ofVirtual().start(r));
        for (long deadline = System.nanoTime() + LONG.toNanos(); !tasks.isShuttingDown(); ) {
            assertThat(System.nanoTime()).as("the shutdown begins").isLessThan(deadline);
            Thread.sleep(1);
        }
        return report;
    }

    @Nested
    class Draining {
        @Test
        void lets_running_tasks_finish_within_the_grace_and_interrupts_nothing() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger interrupts = new AtomicInteger();
            TaskHandle handle = tasks.submit(archive("archive cli:alice", ALICE), ctx -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupts.incrementAndGet();
                    throw e;
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<ShutdownReport> shutdown = shutdownInBackground(LONG);
            release.countDown();
            ShutdownReport report = shutdown.get(5, TimeUnit.SECONDS);

            assertThat(report.finished()).extracting(TaskInfo::id).containsExactly(handle.id());
            assertThat(report.finished().getFirst().state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(report.cut()).isEmpty();
            assertThat(interrupts).hasValue(0);
            assertThat(report.summary()).isEqualTo("1 task drained, 0 cut");
        }

        @Test
        void refuses_new_tasks_once_shutting_down_and_repeats_its_report() {
            ShutdownReport first = tasks.shutdown(Duration.ZERO);

            assertThat(tasks.isShuttingDown()).isTrue();
            assertThatThrownBy(() -> tasks.submit(archive("late", ALICE), ctx -> { }))
                    .isInstanceOf(TaskRejectedException.class).hasMessageContaining("shutting down");
            assertThatThrownBy(() -> tasks.every(CURATOR, Duration.ofSeconds(1), ctx -> { }))
                    .isInstanceOf(TaskRejectedException.class);
            assertThat(tasks.shutdown(LONG)).isSameAs(first);
        }
    }

    @Nested
    class Cutting {
        @Test
        void interrupts_what_outlasts_the_grace_and_names_it_with_its_owner() throws Exception {
            CountDownLatch started = new CountDownLatch(2);
            TaskHandle quick = tasks.submit(new TaskSpec("extract", TaskCategory.EXTRACTION, BOB), ctx -> {
                started.countDown();
            });
            TaskHandle stuck = tasks.submit(archive("archive cli:alice", ALICE), ctx -> {
                started.countDown();
                new CountDownLatch(1).await();
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            finished(quick);

            ShutdownReport report = tasks.shutdown(Duration.ofMillis(20));

            assertThat(report.cut()).extracting(TaskInfo::id).containsExactly(stuck.id());
            assertThat(report.cut().getFirst().state()).isEqualTo(TaskState.CANCELLED);
            assertThat(report.lingering()).isEmpty();
            assertThat(report.finished()).as("finished before the shutdown, so not drained by it").isEmpty();
            assertThat(report.took()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
            assertThat(report.summary()).isEqualTo("0 tasks drained, 1 cut: archive cli:alice (cli:alice)");
        }

        @Test
        void drops_queued_tasks_without_starting_them() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle running = tasks.submit(archive("running", ALICE), waiting(started));
            AtomicInteger ran = new AtomicInteger();
            TaskHandle queued = tasks.submit(archive("queued", BOB), ctx -> ran.incrementAndGet());
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<ShutdownReport> shutdown = shutdownInBackground(LONG);
            release.countDown();
            ShutdownReport report = shutdown.get(5, TimeUnit.SECONDS);

            assertThat(report.finished()).extracting(TaskInfo::id).containsExactly(running.id());
            assertThat(report.cut()).extracting(TaskInfo::id).containsExactly(queued.id());
            assertThat(report.cut().getFirst().started()).isEmpty();
            assertThat(ran).hasValue(0);
        }

        @Test
        void reports_a_task_that_ignores_its_interruption_as_lingering() throws Exception {
            tasks = TaskManager.builder().cutWait(Duration.ofMillis(20)).build();
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle stubborn = tasks.submit(archive("stubborn", ALICE), ctx -> {
                started.countDown();
                while (true) {
                    try {
                        release.await();
                        return;
                    } catch (InterruptedException ignored) {
                        // this body will not stop until it is released
                    }
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            ShutdownReport report = tasks.shutdown(Duration.ZERO);

            assertThat(report.lingering()).extracting(TaskInfo::id).containsExactly(stubborn.id());
            assertThat(report.lingering().getFirst().state()).isEqualTo(TaskState.RUNNING);
            release.countDown();
            assertThat(finished(stubborn).state()).isEqualTo(TaskState.CANCELLED);
        }
    }

    @Nested
    class Periodic {
        @Test
        void runs_again_after_a_failing_run_and_keeps_the_failure_as_its_error() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch threeRuns = new CountDownLatch(3);
            TaskHandle curator = tasks.every(CURATOR, Duration.ofMillis(1), ctx -> {
                int run = runs.incrementAndGet();
                threeRuns.countDown();
                ctx.progress("pass " + run);
                if (run == 1) {
                    throw new IllegalStateException("index locked");
                }
            });

            assertThat(threeRuns.await(5, TimeUnit.SECONDS)).isTrue();
            TaskInfo info = curator.info();
            assertThat(info.state()).isEqualTo(TaskState.RUNNING);
            assertThat(info.error()).isEqualTo("IllegalStateException: index locked");

            assertThat(curator.cancel()).isInstanceOf(CancelResult.Cancelled.class);
            assertThat(finished(curator).state()).as("its thread, and so its schedule, is over")
                    .isEqualTo(TaskState.CANCELLED);
        }

        @Test
        void stops_between_runs_at_shutdown_without_waiting_for_the_period() throws Exception {
            CountDownLatch firstRun = new CountDownLatch(1);
            TaskHandle curator = tasks.every(CURATOR, Duration.ofHours(1), ctx -> firstRun.countDown());
            assertThat(firstRun.await(5, TimeUnit.SECONDS)).isTrue();

            ShutdownReport report = tasks.shutdown(LONG);

            assertThat(report.took()).as("far less than the hour of the period").isLessThan(Duration.ofSeconds(3));
            assertThat(report.finished()).extracting(TaskInfo::id).containsExactly(curator.id());
            assertThat(report.cut()).isEmpty();
        }

        @Test
        void is_not_held_back_by_its_categorys_limit() throws Exception {
            tasks = TaskManager.builder().limit(TaskCategory.CURATOR, 1).build();
            CountDownLatch ran = new CountDownLatch(2);
            tasks.every(CURATOR, Duration.ofHours(1), ctx -> ran.countDown());
            tasks.every(new TaskSpec("curator 2", TaskCategory.CURATOR, TaskOwner.SYSTEM), Duration.ofHours(1),
                    ctx -> ran.countDown());
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void refuses_a_period_that_is_not_positive() {
            assertThatThrownBy(() -> tasks.every(CURATOR, Duration.ZERO, ctx -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
            assertThatThrownBy(() -> tasks.every(CURATOR, Duration.ofSeconds(-1), ctx -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(tasks.listAll()).isEmpty();
        }
    }
}
