package dev.jclaw.core.task;

import static dev.jclaw.core.task.TaskManagerTest.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.session.SessionKey;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed, oversized and hostile input to every public entry point of the package. */
class TaskInputTest {
    final TaskManager tasks = TaskManager.builder().closeGrace(Duration.ZERO).build();

    @AfterEach
    void stop() {
        tasks.close();
    }

    @Nested
    class Names {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", " padded", "padded ", "two\nlines", "tab\there", "nul\u0000", "\ud800x",
                "line\u2028separator"})
        void refuses_a_name_that_is_blank_padded_or_not_one_printable_line(String name) {
            assertThatThrownBy(() -> new TaskSpec(name, TaskCategory.ARCHIVE, ALICE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the task name");
        }

        @Test
        void takes_names_up_to_the_limit_and_refuses_longer_ones() {
            assertThatNoException().isThrownBy(() -> new TaskSpec("n".repeat(TaskSpec.MAX_NAME),
                    TaskCategory.ARCHIVE, ALICE));
            assertThatThrownBy(() -> new TaskSpec("n".repeat(100_000), TaskCategory.ARCHIVE, ALICE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 120")
                    .hasMessageNotContaining("n".repeat(100));
        }

        @Test
        void takes_any_printable_name_emoji_included() {
            assertThat(new TaskSpec("archive 🦀 über", TaskCategory.ARCHIVE, ALICE).name()).isEqualTo("archive 🦀 über");
        }
    }

    @Nested
    class CategoriesOwnersAndIds {
        @ParameterizedTest
        @ValueSource(strings = {"", "Archive", "1st", "two words", "under_score", "a234567890123456789012345678901234"})
        void refuses_a_category_that_is_not_a_lower_case_word(String category) {
            assertThatThrownBy(() -> new TaskCategory(category)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("task category");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "alice", "SYSTEM", "System", "cli:", ":alice", "cli:alice\n", "CLI:alice"})
        void refuses_an_owner_that_is_neither_system_nor_a_session_key(String owner) {
            assertThatThrownBy(() -> new TaskOwner(owner)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a task owner is 'system' or a session key");
        }

        @Test
        void takes_system_and_session_keys_as_owners() {
            assertThat(new TaskOwner("system")).isEqualTo(TaskOwner.SYSTEM);
            assertThat(TaskOwner.of(new SessionKey("feishu:app:chat")).value()).isEqualTo("feishu:app:chat");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "t", "T1", "1", "x1", "t-1", "t1;drop table", "t1234567890123"})
        void refuses_a_task_id_of_another_form(String id) {
            assertThatThrownBy(() -> new TaskId(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a task id is 't'");
        }
    }

    @Nested
    class Nulls {
        @Test
        void are_refused_everywhere_with_the_name_of_what_is_missing() {
            TaskSpec spec = new TaskSpec("n", TaskCategory.ARCHIVE, ALICE);
            assertThatThrownBy(() -> new TaskSpec(null, TaskCategory.ARCHIVE, ALICE)).hasMessage("name");
            assertThatThrownBy(() -> new TaskSpec("n", null, ALICE)).hasMessage("category");
            assertThatThrownBy(() -> new TaskSpec("n", TaskCategory.ARCHIVE, null)).hasMessage("owner");
            assertThatThrownBy(() -> tasks.submit(null, ctx -> { })).hasMessage("spec");
            assertThatThrownBy(() -> tasks.submit(spec, null)).hasMessage("body");
            assertThatThrownBy(() -> tasks.every(spec, null, ctx -> { })).hasMessage("period");
            assertThatThrownBy(() -> tasks.list(null)).hasMessage("owner");
            assertThatThrownBy(() -> tasks.cancel(null, ALICE)).hasMessage("id");
            assertThatThrownBy(() -> tasks.cancel(new TaskId("t1"), null)).hasMessage("owner");
            assertThatThrownBy(() -> tasks.shutdown(null)).hasMessage("grace");
            assertThat(tasks.listAll()).isEmpty();
        }
    }

    @Nested
    class Settings {
        @Test
        void refuse_limits_out_of_range() {
            assertThatThrownBy(() -> TaskManager.builder().maxLive(0)).hasMessageContaining("maxLive must be between");
            assertThatThrownBy(() -> TaskManager.builder().maxLive(Integer.MAX_VALUE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TaskManager.builder().history(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TaskManager.builder().limit(TaskCategory.MCP, 0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> TaskManager.builder().closeGrace(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void take_an_enormous_grace_or_period_without_overflowing() throws Exception {
            TaskHandle h = tasks.every(new TaskSpec("c", TaskCategory.CURATOR, TaskOwner.SYSTEM),
                    Duration.ofSeconds(Long.MAX_VALUE), ctx -> { });
            assertThat(tasks.shutdown(Duration.ofSeconds(Long.MAX_VALUE)).finished()).extracting(TaskInfo::id)
                    .containsExactly(h.id());
        }
    }
}
