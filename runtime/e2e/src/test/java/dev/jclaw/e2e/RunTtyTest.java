package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw run} at a real terminal (tmux): with a person to ask, a call that needs approval is asked about
 * {@code [y/N]} instead of ending the run. Skips without tmux, unless {@code JCLAW_REQUIRE_SERVICES=true}.
 */
class RunTtyTest {
    @TempDir
    Path home;
    Path workspace;
    FakeModelServer model;
    TmuxTerminal terminal;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        workspace = Files.createDirectories(home.resolve("ws"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
        model.close();
    }

    int runAnswering(String answer) throws Exception {
        String tmux = TmuxTerminal.requireTmux();
        terminal = TmuxTerminal.start(tmux, 160, 50, Map.of(
                        "JCLAW_HOME", home.toString(),
                        "OPENAI_BASE_URL", model.baseUrl(),
                        "JCLAW_MODEL", "fake-1",
                        "JAVA_OPTS", "-XX:SharedArchiveFile=" + ChatTtyTest.CDS),
                List.of(DistributionTest.DIST.resolve("bin/jclaw").toString(), "run", "--workspace",
                        workspace.toString(), "make a file"));
        terminal.await("the approval question", s -> s.contains("Allow bash") && s.stripTrailing().endsWith("[y/N]"));
        terminal.typeLine(answer);
        int code = terminal.awaitExit();
        terminal.close();
        terminal = null;
        return code;
    }

    @Test
    void asks_before_a_call_that_needs_approval_and_runs_it_on_yes_only() throws Exception {
        model.enqueue(Reply.toolCalls().call("b1", "bash", "{\"command\": \"echo no > out.txt\"}"),
                Reply.text("left it"));
        assertThat(runAnswering("n")).isZero();
        assertThat(workspace.resolve("out.txt")).doesNotExist();
        assertThat(model.requests().get(1).toolResults().getLast()).startsWith("Denied:");

        model.enqueue(Reply.toolCalls().call("b2", "bash", "{\"command\": \"echo made > out.txt\"}"),
                Reply.text("made it"));
        assertThat(runAnswering("y")).isZero();
        assertThat(workspace.resolve("out.txt")).hasContent("made");
    }
}
