package dev.jclaw.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TaskManagerTest {
    static final TaskOwner ALICE = new TaskOwner("cli:alice");
    static final TaskOwner BOB = new TaskOwner("web:bob");
    static final Duration LONG = Duration.ofSeconds(5);

    TaskManager tasks = TaskManager.builder().closeGrace(Duration.ZERO).cutWait(LONG).build();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        tasks.close();
    }

    static TaskSpec spec(String name, TaskCategory category, TaskOwner owner) {
        return new TaskSpec(name, category, owner);
    }

    static TaskSpec archive(String name, TaskOwner owner) {
        return spec(name, TaskCategory.ARCHIVE, owner);
    }

    /** A body that says it started and then waits for the test to let it go. */
    TaskBody blocking(CountDownLatch started) {
        return ctx -> {
            started.countDown();
            release.await();
        };
    }

    static TaskInfo finished(TaskHandle handle) throws InterruptedException {
        assertThat(handle.await(LONG)).as("%s ends in time", handle).isTrue();
        return handle.info();
    }

    @Nested
    class Running {
        @Test
        void runs_a_task_on_its_own_virtual_thread_and_records_its_life() throws Exception {
            AtomicReference<Thread> thread = new AtomicReference<>();
            TaskHandle handle = tasks.submit(archive("archive cli:alice", ALICE), ctx -> {
                thread.set(Thread.currentThread());
                ctx.progress("half way");
                ctx.progress("almost\ndone");
            });

            TaskInfo info = finished(handle);
            assertThat(thread.get().isVirtual()).isTrue();
            assertThat(thread.get()).isNotSameAs(Thread.currentThread());
            assertThat(info.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(info.name()).isEqualTo("archive cli:alice");
            assertThat(info.category()).isEqualTo(TaskCategory.ARCHIVE);
            assertThat(info.owner()).isEqualTo(ALICE);
            assertThat(info.progress()).isEqualTo("almost done");
            assertThat(info.error()).isEmpty();
            assertThat(info.started()).hasValueSatisfying(s -> assertThat(s).isAfterOrEqualTo(info.submitted()));
            assertThat(info.finished()).hasValueSatisfying(f -> assertThat(f).isAfterOrEqualTo(info.started().get()));
        }

        @Test
        void runs_many_tasks_at_the_same_time() throws Exception {
            CountDownLatch started = new CountDownLatch(50);
            List<TaskHandle> handles = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                handles.add(tasks.submit(archive("task " + i, ALICE), blocking(started)));
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).as("all 50 run at once").isTrue();
            assertThat(handles).allSatisfy(h -> assertThat(h.info().state()).isEqualTo(TaskState.RUNNING));
            assertThat(handles.stream().map(TaskHandle::id).distinct()).hasSize(50);
            release.countDown();
            for (TaskHandle h : handles) {
                assertThat(finished(h).state()).isEqualTo(TaskState.SUCCEEDED);
            }
        }

        @Test
        void records_a_failure_as_one_line_and_never_throws_it_at_the_submitter() throws Exception {
            TaskHandle handle = tasks.submit(archive("archive", ALICE), ctx -> {
                throw new IOException("disk\nfull " + "x".repeat(500));
            });
            TaskInfo info = finished(handle);
            assertThat(info.state()).isEqualTo(TaskState.FAILED);
            assertThat(info.error()).startsWith("IOException: disk full xxx").hasSize(TaskInfo.MAX_LINE).endsWith("…");
        }

        @Test
        void keeps_progress_short_and_ignores_it_once_the_task_is_over() throws Exception {
            AtomicReference<TaskContext> context = new AtomicReference<>();
            TaskHandle handle = tasks.submit(archive("archive", ALICE), ctx -> {
                context.set(ctx);
                ctx.progress("\u0000\u2028 " + "p".repeat(10_000));
            });
            TaskInfo info = finished(handle);
            assertThat(info.progress()).hasSize(TaskInfo.MAX_LINE).startsWith("ppp");
            context.get().progress("too late");
            assertThat(handle.info().progress()).isEqualTo(info.progress());
            assertThat(context.get().id()).isEqualTo(handle.id());
        }
    }

    @Nested
    class Limits {
        @Test
        void refuses_a_task_past_the_live_limit_naming_the_limit() throws Exception {
            tasks = TaskManager.builder().maxLive(2).closeGrace(Duration.ZERO).build();
            CountDownLatch started = new CountDownLatch(2);
            TaskHandle first = tasks.submit(archive("one", ALICE), blocking(started));
            tasks.submit(archive("two", ALICE), blocking(started));

            assertThatThrownBy(() -> tasks.submit(archive("three", ALICE), ctx -> { }))
                    .isInstanceOf(TaskRejectedException.class).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("limit of 2 live tasks").hasMessageContaining("'three'");

            release.countDown();
            finished(first);
            assertThat(finished(tasks.submit(archive("four", ALICE), ctx -> { })).state())
                    .isEqualTo(TaskState.SUCCEEDED);
        }

        @Test
        void queues_past_a_category_limit_and_starts_the_queued_in_submission_order() throws Exception {
            tasks = TaskManager.builder().limit(TaskCategory.ARCHIVE, 1).closeGrace(Duration.ZERO).build();
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle first = tasks.submit(archive("first", ALICE), blocking(started));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<TaskHandle> queued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                queued.add(tasks.submit(archive("queued " + i, BOB), ctx -> order.add(n)));
            }
            TaskHandle other = tasks.submit(spec("extract", TaskCategory.EXTRACTION, ALICE), ctx -> { });

            assertThat(queued).allSatisfy(h -> assertThat(h.info().state()).isEqualTo(TaskState.QUEUED));
            assertThat(queued.getFirst().info().started()).isEmpty();
            assertThat(finished(other).state()).as("another category is not held up").isEqualTo(TaskState.SUCCEEDED);
            assertThat(order).isEmpty();

            release.countDown();
            finished(first);
            for (TaskHandle h : queued) {
                assertThat(finished(h).state()).isEqualTo(TaskState.SUCCEEDED);
            }
            assertThat(order).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Nested
    class Listing {
        @Test
        void shows_an_owner_only_its_own_tasks_newest_first() throws Exception {
            TaskHandle a1 = tasks.submit(archive("a1", ALICE), ctx -> { });
            finished(a1);
            TaskHandle b1 = tasks.submit(archive("b1", BOB), ctx -> { });
            TaskHandle a2 = tasks.submit(archive("a2", ALICE), blocking(new CountDownLatch(1)));
            TaskHandle s1 = tasks.submit(archive("s1", TaskOwner.SYSTEM), ctx -> { });

            assertThat(tasks.list(ALICE)).extracting(TaskInfo::id).containsExactly(a2.id(), a1.id());
            assertThat(tasks.list(BOB)).extracting(TaskInfo::name).containsExactly("b1");
            assertThat(tasks.list(new TaskOwner("cli:nobody"))).isEmpty();
            assertThat(tasks.listAll()).extracting(TaskInfo::id)
                    .containsExactly(s1.id(), a2.id(), b1.id(), a1.id());
        }

        @Test
        void keeps_only_the_most_recent_finished_tasks() throws Exception {
            tasks = TaskManager.builder().history(3).closeGrace(Duration.ZERO).build();
            List<TaskHandle> handles = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                handles.add(tasks.submit(archive("t" + i, ALICE), ctx -> { }));
                finished(handles.getLast());
            }
            assertThat(tasks.list(ALICE)).extracting(TaskInfo::name).containsExactly("t5", "t4", "t3");
            assertThat(tasks.cancel(handles.getFirst().id(), ALICE)).isInstanceOf(CancelResult.NotFound.class);
        }
    }

    @Nested
    class Cancelling {
        @Test
        void interrupts_a_running_task_and_lists_it_cancelled() throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean sawCancelled = new AtomicBoolean();
            TaskHandle handle = tasks.submit(archive("long", ALICE), ctx -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    sawCancelled.set(ctx.isCancelled());
                    throw e;
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            CancelResult result = tasks.cancel(handle.id(), ALICE);

            assertThat(result).isInstanceOf(CancelResult.Cancelled.class);
            assertThat(result.message()).contains(handle.id().value()).contains("long");
            TaskInfo info = finished(handle);
            assertThat(info.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(info.error()).as("a cancellation is no failure").isEmpty();
            assertThat(interrupted).isTrue();
            assertThat(sawCancelled).isTrue();
        }

        @Test
        void removes_a_queued_task_which_then_never_runs() throws Exception {
            tasks = TaskManager.builder().limit(TaskCategory.ARCHIVE, 1).closeGrace(Duration.ZERO).build();
            TaskHandle blocker = tasks.submit(archive("blocker", ALICE), blocking(new CountDownLatch(1)));
            AtomicBoolean ran = new AtomicBoolean();
            TaskHandle queued = tasks.submit(archive("queued", ALICE), ctx -> ran.set(true));
            TaskHandle after = tasks.submit(archive("after", ALICE), ctx -> { });

            CancelResult result = queued.cancel();

            assertThat(result).isInstanceOfSatisfying(CancelResult.Cancelled.class,
                    c -> assertThat(c.info().state()).isEqualTo(TaskState.CANCELLED));
            assertThat(queued.await(Duration.ZERO)).isTrue();
            release.countDown();
            finished(blocker);
            assertThat(finished(after).state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(ran).isFalse();
            assertThat(queued.info().started()).isEmpty();
        }

        @Test
        void refuses_another_owners_task_without_naming_the_owner() throws Exception {
            TaskHandle handle = tasks.submit(archive("private", ALICE), blocking(new CountDownLatch(1)));

            CancelResult result = tasks.cancel(handle.id(), BOB);

            assertThat(result).isEqualTo(new CancelResult.NotOwner(handle.id()));
            assertThat(result.message()).contains("not yours").doesNotContain("alice");
            assertThat(handle.info().state()).isEqualTo(TaskState.RUNNING);
            assertThat(tasks.cancel(handle.id(), TaskOwner.SYSTEM)).isInstanceOf(CancelResult.NotOwner.class);
        }

        @Test
        void answers_unknown_and_finished_tasks_with_a_result() throws Exception {
            TaskHandle done = tasks.submit(archive("done", ALICE), ctx -> { });
            finished(done);

            TaskId unknown = new TaskId("tzzzz");
            assertThat(tasks.cancel(unknown, ALICE)).isEqualTo(new CancelResult.NotFound(unknown));
            assertThat(tasks.cancel(done.id(), ALICE)).isInstanceOfSatisfying(CancelResult.AlreadyFinished.class,
                    r -> assertThat(r.message()).contains("already over: succeeded"));
            assertThat(done.info().state()).isEqualTo(TaskState.SUCCEEDED);
        }
    }
}
