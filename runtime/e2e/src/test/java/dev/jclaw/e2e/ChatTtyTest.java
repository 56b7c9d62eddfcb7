package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw chat} as a person uses it: the built distribution in a real terminal (tmux), answers typed at the
 * keyboard, Ctrl-C and Ctrl-D sent through the terminal's line discipline. Skips without tmux, unless
 * {@code JCLAW_REQUIRE_SERVICES=true}.
 */
class ChatTtyTest {
    static final Path DIST = DistributionTest.DIST;
    static final String BANNER = "JClaw chat - session";

    /** One class-data archive for all tests: each home would otherwise make its own, 3 s a test. */
    static final Path CDS = Path.of("target", "chat-tty-cds.jsa").toAbsolutePath();
    @TempDir
    Path home;
    Path workspace;
    FakeModelServer model;
    TmuxTerminal terminal;

    @BeforeEach
    void setUp() throws Exception {
        String tmux = TmuxTerminal.requireTmux();
        assertThat(DIST.resolve("bin/jclaw")).as("the distribution; build it with ./mvnw verify").isExecutable();
        model = FakeModelServer.start();
        workspace = Files.createDirectories(home.resolve("ws"));
        terminal = TmuxTerminal.start(tmux, 160, 50, Map.of(
                        "JCLAW_HOME", home.toString(),
                        "OPENAI_BASE_URL", model.baseUrl(),
                        "OPENAI_API_KEY", "sk-test",
                        "JCLAW_MODEL", "fake-1",
                        "JAVA_OPTS", "-XX:SharedArchiveFile=" + CDS),
                List.of(DIST.resolve("bin/jclaw").toString(), "chat", "--workspace", workspace.toString()));
        String screen = terminal.await("the banner and a prompt", s -> s.contains(BANNER) && atPrompt(s));
        assertThat(screen).contains("workspace " + workspace + ". /help lists the commands;");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
        if (model != null) {
            model.close();
        }
    }

    /** The cursor waits at a fresh prompt: the last line is {@code > } and nothing typed after it. */
    static boolean atPrompt(String screen) {
        List<String> lines = screen.lines().toList();
        return !lines.isEmpty() && lines.getLast().equals(">");
    }

    /** @return the number of prompts printed so far, answered or waiting */
    static long prompts(String screen) {
        return chatLines(screen).stream().filter(l -> l.equals(">") || l.startsWith("> ")).count();
    }

    /** @return the lines from the banner on, without the plugin host's start-up log */
    static List<String> chatLines(String screen) {
        List<String> lines = screen.lines().toList();
        int banner = 0;
        while (banner < lines.size() && !lines.get(banner).startsWith(BANNER)) {
            banner++;
        }
        return lines.subList(Math.min(banner + 1, lines.size()), lines.size());
    }

    String awaitNextPrompt(long promptsBefore) throws Exception {
        return terminal.await("prompt number " + (promptsBefore + 1),
                s -> atPrompt(s) && prompts(s) > promptsBefore);
    }

    @Nested
    class Asking {
        @Test
        void a_question_typed_at_the_prompt_streams_its_answer_and_prompts_again() throws Exception {
            model.enqueue(Reply.text("The capital of France is Paris, on the Seine.").chunks(3)
                    .chunkDelay(Duration.ofMillis(400)));
            terminal.typeLine("What is the capital of France?");

            String partial = terminal.await("the first piece of the answer", s -> s.contains("The capital of"));
            assertThat(partial).as("the answer streams: its last piece is not there yet")
                    .doesNotContain("on the Seine.");
            String screen = awaitNextPrompt(1);

            assertThat(chatLines(screen)).containsSubsequence("> What is the capital of France?",
                    "The capital of France is Paris, on the Seine.", ">");
            assertThat(chatLines(screen))
                    .anyMatch(l -> l.matches("\\(1 step, \\d+ in / \\d+ out tokens, \\d+ cached\\)"));
            assertThat(terminal.exitStatus()).as("still running").isEmpty();
            assertThat(model.requests()).hasSize(1);
            assertThat(model.requests().getFirst().messages()).extracting(m -> m.optString("content").orElse(""))
                    .contains("What is the capital of France?");
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void two_questions_in_a_row_are_one_conversation() throws Exception {
            model.enqueue(Reply.text("Nice to meet you, Ada."), Reply.text("You are Ada."));
            terminal.typeLine("my name is Ada");
            awaitNextPrompt(1);
            terminal.typeLine("who am I?");
            String screen = awaitNextPrompt(2);

            assertThat(chatLines(screen)).containsSubsequence("> my name is Ada", "Nice to meet you, Ada.",
                    "> who am I?", "You are Ada.", ">");
            assertThat(model.requests().get(1).messages()).extracting(m -> m.optString("content").orElse(""))
                    .containsSubsequence("my name is Ada", "Nice to meet you, Ada.", "who am I?");
        }
    }

    @Nested
    class Approval {
        static final String WRITE = "{\"path\": \"hello.txt\", \"content\": \"hi from chat\"}";

        String askToWrite() throws Exception {
            model.enqueue(Reply.toolCalls().call("w1", "write", WRITE));
            terminal.typeLine("write hello.txt");
            return terminal.await("the approval question", s -> s.stripTrailing().endsWith("? [y/N]"));
        }

        @Test
        void answering_y_runs_the_write_and_the_file_is_in_the_workspace() throws Exception {
            String question = askToWrite();
            assertThat(question.lines().toList().getLast()).isEqualTo("Allow write " + WRITE + "? [y/N]");

            model.enqueue(Reply.text("I wrote hello.txt."));
            terminal.typeLine("y");
            String screen = awaitNextPrompt(1);

            assertThat(workspace.resolve("hello.txt")).hasContent("hi from chat");
            assertThat(chatLines(screen)).containsSubsequence("Allow write " + WRITE + "? [y/N] y",
                    "I wrote hello.txt.", ">");
            assertThat(chatLines(screen)).anyMatch(l -> l.startsWith("<- write ok"));
            assertThat(model.requests().get(1).toolResults().getLast()).doesNotStartWith("Denied");
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void answering_n_refuses_the_write_and_the_model_reads_that_it_was_denied() throws Exception {
            askToWrite();

            model.enqueue(Reply.text("All right, I left it."));
            terminal.typeLine("n");
            String screen = awaitNextPrompt(1);

            assertThat(workspace.resolve("hello.txt")).doesNotExist();
            assertThat(chatLines(screen)).containsSubsequence("Allow write " + WRITE + "? [y/N] n",
                    "All right, I left it.", ">");
            assertThat(chatLines(screen)).anyMatch(l -> l.startsWith("<- write denied"));
            assertThat(model.requests().get(1).toolResults().getLast()).startsWith("Denied");
            assertThat(model.problems()).isEmpty();
        }
    }

    @Nested
    class CtrlC {
        @Test
        void during_a_slow_answer_aborts_the_turn_and_the_next_message_still_works() throws Exception {
            // eight pieces two seconds apart: the whole answer would take 14 s
            model.enqueue(Reply.text("Once upon a time, in a land far away, there lived a dragon who never ended.")
                    .chunks(8).chunkDelay(Duration.ofSeconds(2)));
            terminal.typeLine("tell me a long story");
            terminal.await("the start of the story", s -> s.contains("Once upon"));

            terminal.press("C-c");
            String aborted = awaitNextPrompt(1);

            assertThat(aborted).as("the turn ended before the story did").doesNotContain("never ended.");
            assertThat(terminal.exitStatus()).as("Ctrl-C ends the turn, not the program").isEmpty();

            model.enqueue(Reply.text("Still here."));
            terminal.typeLine("are you there?");
            String screen = awaitNextPrompt(2);

            assertThat(chatLines(screen)).containsSubsequence("> tell me a long story", "> are you there?",
                    "Still here.", ">");
            assertThat(model.requests()).hasSize(2);
            assertThat(model.requests().get(1).messages()).extracting(m -> m.optString("content").orElse(""))
                    .contains("are you there?");
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void at_the_approval_question_ends_the_turn_and_the_next_message_still_works() throws Exception {
            model.enqueue(Reply.toolCalls().call("w1", "write", Approval.WRITE));
            terminal.typeLine("write hello.txt");
            terminal.await("the approval question", s -> s.endsWith("? [y/N]"));

            terminal.press("C-c");
            awaitNextPrompt(1);
            model.otherwise(body -> Reply.text("Still here."));
            terminal.typeLine("are you there?");
            String screen = awaitNextPrompt(2);

            assertThat(workspace.resolve("hello.txt")).doesNotExist();
            assertThat(chatLines(screen)).containsSubsequence("> are you there?", "Still here.", ">");
            assertThat(model.requests().getLast().messages()).extracting(m -> m.optString("content").orElse(""))
                    .contains("are you there?");
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void at_an_idle_prompt_says_how_to_quit_and_prompts_again() throws Exception {
            terminal.press("C-c");
            String screen = terminal.await("the hint and a new prompt",
                    s -> s.contains("(Ctrl-D or /exit quits)") && atPrompt(s));

            assertThat(chatLines(screen)).containsSubsequence("(Ctrl-D or /exit quits)", ">");
            assertThat(terminal.exitStatus()).isEmpty();
        }
    }

    @Nested
    class CtrlD {
        @Test
        void at_the_prompt_quits_with_exit_code_0() throws Exception {
            terminal.press("C-d");

            assertThat(terminal.awaitExit()).isZero();
            assertThat(terminal.screen()).doesNotContain("Exception");
        }

        @Test
        void after_a_turn_quits_with_exit_code_0() throws Exception {
            model.enqueue(Reply.text("Hello."));
            terminal.typeLine("hi");
            awaitNextPrompt(1);

            terminal.press("C-d");

            assertThat(terminal.awaitExit()).isZero();
            assertThat(model.requests()).hasSize(1);
        }
    }
}
