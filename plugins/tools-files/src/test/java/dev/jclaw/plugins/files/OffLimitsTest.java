package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workspace is a home directory with a key in {@code .ssh} and a JClaw data directory without a dot in its name,
 * both places the host keeps from tools: no file tool reads, finds, writes or edits them.
 */
class OffLimitsTest {
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY----- KEYTEXT";
    private static final String TOKEN = "KEYTEXT-admin-token";

    @TempDir
    Path tmp;
    Path workspace;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("home")).toRealPath();
        Files.writeString(Files.createDirectories(workspace.resolve(".ssh")).resolve("id_rsa"), KEY + "\n");
        Files.writeString(Files.createDirectories(workspace.resolve("srv-data/run")).resolve("server.json"),
                "{\"token\": \"" + TOKEN + "\"}\n");
        Files.writeString(workspace.resolve("netrc.txt"), "password KEYTEXT\n");
        Files.writeString(workspace.resolve("notes.md"), "KEYTEXT is the word to look for\n");
    }

    private ToolResult call(Tool tool, JsonObject arguments) throws Exception {
        return tool.execute(new ToolContext("call-1", arguments, workspace, "test:files", Instant.now().plusSeconds(30),
                List.of(workspace.resolve(".ssh"), workspace.resolve("srv-data"), workspace.resolve("netrc.txt"))));
    }

    @Nested
    class Refused {
        @Test
        void read_of_a_key_a_token_and_a_hidden_file() throws Exception {
            assertThat(failure(call(new ReadTool(), args("path", ".ssh/id_rsa")))).isEqualTo("path '.ssh/id_rsa' is in"
                    + " a place JClaw keeps from tools (its data directory, its configuration or a secret file such"
                    + " as ~/.ssh); work with other files");
            assertThat(failure(call(new ReadTool(), args("path", "srv-data/run/server.json"))))
                    .contains("a place JClaw keeps from tools");
            assertThat(failure(call(new ReadTool(), args("path", "netrc.txt")))).contains("keeps from tools");
        }

        @Test
        void write_and_edit_into_them() throws Exception {
            assertThat(failure(call(new WriteTool(), args("path", ".ssh/authorized_keys", "content", "ssh-ed25519 x"))))
                    .contains("keeps from tools");
            assertThat(failure(call(new EditTool(), args("path", ".ssh/id_rsa", "old_string", "KEYTEXT",
                    "new_string", "x")))).contains("keeps from tools");
            assertThat(workspace.resolve(".ssh/authorized_keys")).doesNotExist();
            assertThat(workspace.resolve(".ssh/id_rsa")).hasContent(KEY);
        }

        @Test
        void grep_and_glob_based_in_them() throws Exception {
            assertThat(failure(call(new GrepTool(), args("pattern", "KEYTEXT", "path", ".ssh"))))
                    .contains("keeps from tools");
            assertThat(failure(call(new GlobTool(), args("pattern", "**", "path", "srv-data"))))
                    .contains("keeps from tools");
        }
    }

    @Nested
    class Skipped {
        @Test
        void by_grep_over_the_whole_workspace() throws Exception {
            String found = content(call(new GrepTool(), args("pattern", "KEYTEXT")));
            assertThat(found).contains("notes.md").doesNotContain("id_rsa").doesNotContain("server.json")
                    .doesNotContain("netrc.txt").doesNotContain("BEGIN OPENSSH").doesNotContain(TOKEN);
        }

        @Test
        void by_grep_into_hidden_directories_and_by_glob_with_a_literal_start() throws Exception {
            assertThat(content(call(new GrepTool(), args("pattern", "token", "glob", "srv-data/**"))))
                    .doesNotContain(TOKEN);
            assertThat(content(call(new GlobTool(), args("pattern", ".ssh/*")))).startsWith("no files match");
            assertThat(content(call(new GlobTool(), args("pattern", "srv-data/**/*.json"))))
                    .startsWith("no files match");
        }

        @Test
        void by_glob_over_the_whole_workspace() throws Exception {
            String found = content(call(new GlobTool(), args("pattern", "**")));
            assertThat(found).contains("notes.md").doesNotContain("server.json").doesNotContain("netrc.txt");
        }
    }
}
