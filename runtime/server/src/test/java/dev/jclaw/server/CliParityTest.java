package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.server.TerminalHome.Ran;
import dev.jclaw.server.cli.Cli;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw run} and {@code jclaw chat} beside a server on their JClaw home print the same, ask the same and exit
 * with the same codes as in-process (issue 11, section 5): each scripted scenario runs once in-process and once
 * through a running server, each on a home of its own, and the two transcripts — standard output, standard error and
 * exit code of every command — must be equal once ids, times, durations and the home's path are masked.
 */
class CliParityTest {
    static FakeModelServer model;
    @TempDir
    Path dir;

    /** A scenario: commands on a home, the transcripts of each. */
    @FunctionalInterface
    interface Scenario {
        List<Ran> run(TerminalHome home) throws Exception;
    }

    @BeforeAll
    static void startModel() throws Exception {
        model = FakeModelServer.start();
    }

    @AfterAll
    static void stopModel() {
        model.close();
    }

    @BeforeEach
    void noStrayRequests() {
        model.otherwise(body -> Reply.text("unexpected request"));
    }

    /** Runs a scenario in-process and through a server, compares the transcripts and checks the in-process one. */
    void sameBothWays(Scenario scenario, Consumer<List<Ran>> check) throws Exception {
        List<List<Ran>> ways = new ArrayList<>();
        for (String way : List.of("in-process", "server")) {
            try (TerminalHome home = new TerminalHome(dir.resolve(way), model)) {
                if (way.equals("server")) {
                    home.serve();
                }
                ways.add(scenario.run(home).stream().map(r -> masked(r, home)).toList());
                assertThat(model.unusedReplies()).as(way + ": every reply was asked for").isZero();
            }
        }
        assertThat(ways.get(1)).as("through the server, as in-process").isEqualTo(ways.get(0));
        check.accept(ways.get(0));
    }

    static Ran masked(Ran ran, TerminalHome home) {
        return new Ran(ran.code(), mask(ran.out(), home), mask(ran.err(), home));
    }

    static String mask(String text, TerminalHome home) {
        return text.replace(home.path.toString(), "<home>")
                .replaceAll("\\(\\d+ ms\\)", "(N ms)")
                .replaceAll("\"elapsed_ms\":\\d+", "\"elapsed_ms\":0")
                .replaceAll("(?m)^conversation: .*$", "conversation: <id>")
                .replaceAll("(?m)^started: .*$", "started: <time>")
                .replaceAll("new conversation \\S+;", "new conversation <id>;")
                .replaceAll("(?m)^( ?\\d+\\.) \\S+  \\S+ \\S+ UTC", "$1 <id>  <time>")
                .replaceAll("\"approval_id\":\"[^\"]+\"", "\"approval_id\":\"<id>\"")
                .replaceAll("\"deadline\":\"[^\"]+\"", "\"deadline\":\"<time>\"");
    }

    static String notes(TerminalHome home) throws Exception {
        Path notes = home.workspace.resolve("notes.txt");
        return Files.exists(notes) ? Files.readString(notes) : "";
    }

    @Test
    void a_one_shot_run_its_json_and_a_slash_command_with_a_message_after_it() throws Exception {
        sameBothWays(home -> {
            model.enqueue(Reply.text("Hello from JClaw").chunks(3).usage(20, 4, 0));
            Ran plain = home.jclaw("", false, "run", "--session", "cli:parity", "hello");
            model.enqueue(Reply.text("Hello again").chunks(2).usage(30, 2, 10));
            Ran json = home.jclaw("", false, "run", "--json", "--session", "cli:parity", "hello");
            model.enqueue(Reply.text("Fresh start"));
            Ran fresh = home.jclaw("", false, "run", "--session", "cli:parity", "/new", "say", "hi");
            Ran failed = home.jclaw("", false, "run", "--json", "--session", "cli:parity", "/export", "pdf");
            return List.of(plain, json, fresh, failed);
        }, ran -> {
            assertThat(ran.getFirst()).isEqualTo(new Ran(0, "Hello from JClaw\n",
                    "(1 step, 20 in / 4 out tokens, 0 cached)\n"));
            List<JsonObject> lines = ran.get(1).out().lines().map(Json::parseObject).toList();
            assertThat(lines).extracting(l -> l.string("type")).containsExactly("text", "text", "usage", "done");
            assertThat(lines.getLast().string("answer")).isEqualTo("Hello again");
            assertThat(ran.get(2)).isEqualTo(new Ran(0, "Fresh start\n", "new conversation <id>; the previous one"
                    + " stays listed in /history\n(1 step, 10 in / 5 out tokens, 0 cached)\n"));
            assertThat(ran.get(3).code()).isEqualTo(1);
            assertThat(ran.get(3).err()).isEqualTo("jclaw: usage: /export markdown|json [inline]\n");
        });
    }

    @Test
    void chat_with_help_status_and_a_message() throws Exception {
        sameBothWays(home -> {
            model.enqueue(Reply.text("Hi there.").chunks(2));
            return List.of(home.jclaw("/help\n/status\nhello\n/history\n/exit\n", false, "chat", "--session",
                    "cli:parity"));
        }, ran -> {
            Ran chat = ran.getFirst();
            assertThat(chat.code()).isZero();
            assertThat(chat.out()).isEqualTo("Hi there.\n");
            assertThat(chat.err()).startsWith("JClaw chat - session cli:parity, workspace <home>/ws. /help lists")
                    .contains("Commands (* waits until no turn runs):", "  /steer TEXT")
                    .contains("session key:  user:admin/cli/parity\n", "workspace:    <home>/ws\n")
                    .contains("(1 step, ").contains("(current)");
        });
    }

    @Test
    void a_call_that_needs_approval_answered_yes_and_no_at_a_terminal_in_a_chat_and_without_one() throws Exception {
        sameBothWays(home -> {
            model.enqueue(Reply.toolCalls().call("n1", "note", "{}"), Reply.text("Noted."));
            Ran yes = home.jclaw("y\n", true, "run", "--session", "cli:parity", "note it");
            model.enqueue(Reply.toolCalls().call("n2", "note", "{}"), Reply.text("Left it."));
            Ran no = home.jclaw("n\n", true, "run", "--session", "cli:parity", "note it again");
            model.enqueue(Reply.toolCalls().call("n3", "note", "{}"), Reply.text("Noted in chat."),
                    Reply.toolCalls().call("n4", "note", "{}"), Reply.text("Not in chat."));
            Ran chat = home.jclaw("note it\ny\nand again\nn\n/exit\n", false, "chat", "--session", "cli:parity");
            model.enqueue(Reply.toolCalls().call("n5", "note", "{}"));
            Ran unasked = home.jclaw("", false, "run", "--session", "cli:parity", "note it");
            model.enqueue(Reply.toolCalls().call("n6", "note", "{}"), Reply.text("Noted with yes."));
            Ran allowed = home.jclaw("", false, "run", "--yes", "--session", "cli:parity", "note it");
            return List.of(yes, no, chat, unasked, allowed, new Ran(0, notes(home), ""));
        }, ran -> {
            assertThat(ran.get(0).code()).isZero();
            assertThat(ran.get(0).err()).startsWith("?? note wants to run: {}\nAllow note {}? [y/N] -> note {}\n"
                    + "<- note ok (N ms) noted\n");
            assertThat(ran.get(1).err()).contains("<- note denied");
            assertThat(ran.get(2).out()).contains("Noted in chat.", "Not in chat.");
            assertThat(ran.get(3).code()).isEqualTo(Cli.EXIT_NEEDS_APPROVAL);
            assertThat(ran.get(3).err()).endsWith("jclaw: note needs approval and there is no terminal to ask; run"
                    + " again with --yes to let tool calls run, or use 'jclaw chat' to answer each one\n");
            assertThat(ran.get(4)).satisfies(r -> assertThat(r.code()).isZero())
                    .satisfies(r -> assertThat(r.err()).doesNotContain("Allow"));
            // the terminal's workspace, either way: yes, the chat's yes and --yes
            assertThat(ran.get(5).out()).isEqualTo("noted\nnoted\nnoted\n");
        });
    }

    @Test
    void a_failing_model_ends_in_one_sentence_and_exit_1_and_a_bad_session_in_exit_2() throws Exception {
        sameBothWays(home -> {
            model.enqueue(Reply.error(401, "{\"error\": {\"message\": \"invalid api key\"}}"));
            Ran run = home.jclaw("", false, "run", "--session", "cli:parity", "hello");
            model.enqueue(Reply.error(401, "{\"error\": {\"message\": \"invalid api key\"}}"));
            Ran chat = home.jclaw("hello\n/exit\n", false, "chat", "--session", "cli:parity");
            Ran usage = home.jclaw("", false, "run", "--session", "web:someone", "hello");
            return List.of(run, chat, usage);
        }, ran -> {
            assertThat(ran.get(0)).isEqualTo(new Ran(1, "", "jclaw: the model provider 'openai' refused the API key"
                    + " (HTTP 401); check its api-key in jclaw.json, or OPENAI_API_KEY when jclaw.json configures no"
                    + " providers\n"));
            assertThat(ran.get(1).code()).isZero();
            assertThat(ran.get(1).err()).contains("> jclaw: the model provider 'openai' refused the API key");
            assertThat(ran.get(2).code()).isEqualTo(2);
            assertThat(ran.get(2).err()).startsWith("jclaw: --session takes cli:NAME").hasLineCount(1);
        });
    }
}
