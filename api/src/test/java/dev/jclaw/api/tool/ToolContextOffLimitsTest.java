package dev.jclaw.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace is a home directory, as after {@code cd ~ && jclaw run}; its secret places are off limits. */
class ToolContextOffLimitsTest {
    static final String REFUSAL = " is in a place JClaw keeps from tools (its data directory, its configuration or"
            + " a secret file such as ~/.ssh); work with other files";

    @TempDir
    Path tmp;
    Path home;
    ToolContext context;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(tmp.resolve("home")).toRealPath();
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "PRIVATE KEY");
        Files.writeString(home.resolve(".netrc"), "machine example.com password secret");
        Files.createDirectories(home.resolve("jclaw-data/run"));
        Files.writeString(home.resolve("jclaw-data/run/server.json"), "{\"token\": \"t\"}");
        Files.writeString(home.resolve("notes.md"), "notes");
        context = new ToolContext("c1", JsonObject.EMPTY, home, "test:me", Instant.now().plusSeconds(5),
                List.of(home.resolve(".ssh"), home.resolve(".netrc"), home.resolve("jclaw-data"),
                        home.resolve(".aws")));
    }

    @Nested
    class Refuses {
        @Test
        void a_hidden_directory_and_what_lies_inside_it() {
            assertThatThrownBy(() -> context.resolve(".ssh/id_rsa")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path '.ssh/id_rsa'" + REFUSAL);
            assertThatThrownBy(() -> context.resolve(".ssh")).hasMessage("path '.ssh'" + REFUSAL);
            assertThatThrownBy(() -> context.resolve("jclaw-data/run/server.json"))
                    .hasMessage("path 'jclaw-data/run/server.json'" + REFUSAL);
            assertThatThrownBy(() -> context.resolve("docs/../.ssh/./id_rsa")).hasMessageEndingWith(REFUSAL);
        }

        @Test
        void a_hidden_file() {
            assertThatThrownBy(() -> context.resolve(".netrc")).hasMessage("path '.netrc'" + REFUSAL);
        }

        @Test
        void a_place_that_does_not_exist_yet_so_that_it_cannot_be_created() {
            assertThatThrownBy(() -> context.resolve(".aws/credentials")).hasMessageEndingWith(REFUSAL);
        }

        @Test
        void a_symbolic_link_inside_the_workspace_that_leads_into_one() throws Exception {
            Files.createSymbolicLink(home.resolve("keys"), home.resolve(".ssh"));
            Files.createSymbolicLink(home.resolve("key.txt"), home.resolve(".ssh/id_rsa"));
            assertThatThrownBy(() -> context.resolve("keys/id_rsa")).hasMessage("path 'keys/id_rsa'" + REFUSAL);
            assertThatThrownBy(() -> context.resolve("key.txt")).hasMessage("path 'key.txt'" + REFUSAL);
        }

        @Test
        void a_place_given_through_a_link_by_its_real_location() throws Exception {
            Path alias = Files.createSymbolicLink(tmp.resolve("alias"), home);
            ToolContext viaAlias = new ToolContext("c1", JsonObject.EMPTY, home, "test:me",
                    Instant.now().plusSeconds(5), List.of(alias.resolve(".ssh")));
            assertThat(viaAlias.offLimits()).containsExactly(home.resolve(".ssh"));
            assertThatThrownBy(() -> viaAlias.resolve(".ssh/id_rsa")).hasMessageEndingWith(REFUSAL);
        }
    }

    @Nested
    class Accepts {
        @Test
        void a_file_next_to_them_and_a_name_that_only_begins_like_one() throws Exception {
            Files.writeString(home.resolve(".ssh-notes"), "about keys");
            assertThat(context.resolve("notes.md")).isEqualTo(home.resolve("notes.md"));
            assertThat(context.resolve(".ssh-notes")).isEqualTo(home.resolve(".ssh-notes"));
            assertThat(context.resolve("jclaw-data-backup/new.txt"))
                    .isEqualTo(home.resolve("jclaw-data-backup/new.txt"));
        }

        @Test
        void the_workspace_inside_a_hidden_place_as_the_default_workspace_in_the_data_directory() throws Exception {
            Path workspace = Files.createDirectories(home.resolve("jclaw-data/workspace"));
            Files.writeString(workspace.resolve("todo.md"), "todo");
            ToolContext inData = new ToolContext("c1", JsonObject.EMPTY, workspace, "test:me",
                    Instant.now().plusSeconds(5), List.of(home.resolve("jclaw-data"), workspace.resolve("secret")));
            assertThat(inData.resolve("todo.md")).isEqualTo(workspace.resolve("todo.md"));
            assertThat(inData.offLimits()).containsExactly(workspace.resolve("secret"));
            assertThatThrownBy(() -> inData.resolve("secret/x")).hasMessageEndingWith(REFUSAL);
        }
    }

    @Nested
    class TellsAWalker {
        @Test
        void which_paths_to_skip() {
            assertThat(context.isOffLimits(home.resolve(".ssh"))).isTrue();
            assertThat(context.isOffLimits(home.resolve(".ssh/id_rsa"))).isTrue();
            assertThat(context.isOffLimits(home.resolve("jclaw-data/run"))).isTrue();
            assertThat(context.isOffLimits(home.resolve("notes.md"))).isFalse();
            assertThat(context.isOffLimits(home)).isFalse();
        }

        @Test
        void nothing_when_the_host_gave_no_places() {
            ToolContext plain = new ToolContext("c1", JsonObject.EMPTY, home, "test:me", Instant.now().plusSeconds(5));
            assertThat(plain.offLimits()).isEmpty();
            assertThat(plain.isOffLimits(home.resolve(".ssh/id_rsa"))).isFalse();
        }
    }
}
