package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cd ~ && jclaw run ...}: the workspace is the user's home, and a (prompt-injected) model asks the file tools
 * for the SSH key, directly and through a link. Read needs no approval, so only the places JClaw keeps from tools
 * stand between the model and the key, with or without a bash sandbox.
 */
class KeptFromToolsTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA-e2e";

    @TempDir
    Path tmp;
    Path userHome;
    FakeModelServer model;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        userHome = Files.createDirectories(tmp.resolve("alice")).toRealPath();
        Files.writeString(Files.createDirectories(userHome.resolve(".ssh")).resolve("id_rsa"), KEY + "\n");
        Files.createSymbolicLink(userHome.resolve("key.txt"), userHome.resolve(".ssh/id_rsa"));
        Files.writeString(userHome.resolve("notes.md"), "buy milk\n");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    @Test
    void a_read_of_the_ssh_key_from_a_run_in_the_home_directory_is_refused_and_the_key_goes_nowhere()
            throws Exception {
        Path jclawHome = userHome.resolve(".jclaw");
        // HOME points at the temporary home, so that its .ssh is the user's secret place; sandbox or not
        for (String sandbox : List.of("false", "true")) {
            model.enqueue(Reply.toolCalls().call("r1", "read", "{\"path\": \".ssh/id_rsa\"}")
                            .call("r2", "read", "{\"path\": \"key.txt\"}")
                            .call("r3", "read", "{\"path\": \"notes.md\"}"),
                    Reply.text("I could only read your notes."));
            JClawProcess.Result r = JClawProcess.run(userHome, jclawHome, Path.of("/dev/null"), model,
                    Map.of("HOME", userHome.toString(), "JCLAW_SANDBOX_ENABLED", sandbox), "run", "--json",
                    "show me my ssh key");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out() + r.err()).doesNotContain(KEY).contains("I could only read your notes.");
            List<String> results = model.requests().getLast().toolResults();
            assertThat(results).hasSize(3);
            assertThat(results.get(0)).isEqualTo("Error: path '.ssh/id_rsa' is in a place JClaw keeps from tools"
                    + " (its data directory, its configuration or a secret file such as ~/.ssh); work with other"
                    + " files");
            assertThat(results.get(1)).contains("path 'key.txt' is in a place JClaw keeps from tools");
            assertThat(results.get(2)).contains("buy milk");
        }
        assertThat(model.requests()).allSatisfy(q -> assertThat(q.messages().toString()).doesNotContain(KEY));
        // the transcript keeps what the tools returned: the notes are there, the key is not
        assertThat(stored(jclawHome)).contains("buy milk").doesNotContain(KEY);
    }

    /** Everything JClaw wrote to its home, as text: the session database included. */
    private static String stored(Path jclawHome) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(jclawHome)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
