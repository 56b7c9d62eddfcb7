package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.event.AgentEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What {@code jclaw run} takes in (options, a prompt on standard input, approvals) and what it shows. */
class TurnInputTest {
    static final Path HERE = Path.of("/home/alice/project");

    @Nested
    class Options {
        @Test
        void the_workspace_is_the_current_directory_unless_workspace_names_another() throws Exception {
            assertThat(TurnOptions.parse(List.of("hi"), "cli:alice", HERE).workspace()).isEqualTo(HERE);
            assertThat(TurnOptions.parse(List.of("--workspace", "/srv/x", "hi"), "cli:alice", HERE).workspace())
                    .isEqualTo(Path.of("/srv/x"));
            assertThat(TurnOptions.parse(List.of("--workspace", "sub", "hi"), "cli:alice", HERE).workspace())
                    .isEqualTo(HERE.resolve("sub"));
        }

        @Test
        void a_run_starts_afresh_unless_continue_or_a_session_says_otherwise() throws Exception {
            assertThat(TurnOptions.parse(List.of("hi"), "cli:alice", HERE).continues()).isFalse();
            assertThat(TurnOptions.parse(List.of("--continue", "hi"), "cli:alice", HERE).continues()).isTrue();
            assertThat(TurnOptions.parse(List.of("-c", "hi"), "cli:alice", HERE).continues()).isTrue();
            TurnOptions named = TurnOptions.parse(List.of("--session", "cli:bob", "hi"), "cli:alice", HERE);
            assertThat(named.continues()).isTrue();
            assertThat(named.session()).isEqualTo("cli:bob");
        }

        @Test
        void a_session_is_a_terminal_conversation_named_with_or_without_cli() throws Exception {
            assertThat(TurnOptions.parse(List.of("--session", "bob", "hi"), "cli:alice", HERE).session())
                    .isEqualTo("cli:bob");
            assertThat(TurnOptions.parse(List.of("--session", "cli:bob", "hi"), "cli:alice", HERE).conversation())
                    .isEqualTo("bob");
            assertThat(TurnOptions.parse(List.of("hi"), "cli:alice", HERE).conversation()).isEqualTo("alice");
            for (String bad : List.of("web:bob", "cli:", "cli:a/b", "cli:-x", "a b", "cli:" + "x".repeat(97),
                    "cli:a\nb", "x".repeat(10_000))) {
                assertThatThrownBy(() -> TurnOptions.parse(List.of("--session", bad, "hi"), "cli:alice", HERE))
                        .as(bad).isInstanceOf(UsageException.class).hasMessageStartingWith("--session takes cli:NAME")
                        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\n"));
            }
        }

        @Test
        void a_lone_dash_means_standard_input_and_a_dash_among_words_is_a_word() throws Exception {
            assertThat(TurnOptions.parse(List.of("-"), "cli:alice", HERE).promptFromStdin()).isTrue();
            assertThat(TurnOptions.parse(List.of("a", "-", "b"), "cli:alice", HERE).promptFromStdin()).isFalse();
        }
    }

    @Nested
    class StandardInput {
        @Test
        void reads_the_whole_prompt_stripped() throws Exception {
            assertThat(StdinPrompt.read(new StringReader("  summarise:\nline one\n\n"))).isEqualTo(
                    "summarise:\nline one");
        }

        @Test
        void refuses_an_empty_prompt_as_a_usage_error() {
            assertThatThrownBy(() -> StdinPrompt.read(new StringReader(" \n\t")))
                    .isInstanceOf(UsageException.class).hasMessageContaining("empty prompt");
        }

        @Test
        void refuses_a_prompt_over_the_bound_and_takes_one_at_it() throws Exception {
            assertThatThrownBy(() -> StdinPrompt.read(new StringReader("x".repeat(StdinPrompt.MAX_CHARS + 1))))
                    .isInstanceOf(IOException.class).hasMessageContaining("longer than 262,144 characters");
            assertThat(StdinPrompt.read(new StringReader("y".repeat(StdinPrompt.MAX_CHARS))))
                    .hasSize(StdinPrompt.MAX_CHARS);
        }
    }

    @Nested
    class Approvals {
        final AgentEvent.ApprovalRequested bash = new AgentEvent.ApprovalRequested("c1", "bash",
                "{\"command\":\"ls\"}", "writes", "ap_1", java.time.Instant.now());

        @Test
        void asks_with_the_tool_and_its_arguments_and_takes_only_y_or_yes_for_yes() {
            assertThat(ChatLoop.question(bash)).isEqualTo("Allow bash {\"command\":\"ls\"}? [y/N] ");
            assertThat(List.of("y", "Y", " yes ", "YES")).allSatisfy(a -> assertThat(ChatLoop.yes(a)).as(a).isTrue());
            assertThat(java.util.Arrays.asList("n", "no", "", "yep", null))
                    .allSatisfy(a -> assertThat(ChatLoop.yes(a)).as(a).isFalse());
        }

        @Test
        void without_a_terminal_says_why_the_run_stopped_and_what_to_do() {
            assertThat(TerminalAgent.hint("bash")).startsWith("bash needs approval and there is no terminal to ask")
                    .contains("--yes").contains("'jclaw chat'");
        }
    }

    @Nested
    class Rendering {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final TerminalRenderer renderer = new TerminalRenderer(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);

        @Test
        void a_retry_says_when_which_attempt_and_why_on_stderr() {
            renderer.accept(new AgentEvent.Retrying(2, 4, Duration.ofSeconds(2),
                    "cannot reach the model provider 'p' at http://127.0.0.1:1/v1 (connection refused)"));
            renderer.accept(new AgentEvent.Retrying(3, 4, Duration.ofMillis(1_500), "the provider failed"));
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "retrying in 2 s (attempt 2 of 4): cannot reach the model provider 'p' at http://127.0.0.1:1/v1"
                            + " (connection refused)",
                    "retrying in 1.5 s (attempt 3 of 4): the provider failed");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
