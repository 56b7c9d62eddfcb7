package dev.jclaw.api.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolContextTest {
    @TempDir
    Path tmp;
    Path workspace;
    Path outside;
    ToolContext context;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(workspace.resolve("docs"));
        Files.writeString(workspace.resolve("docs/notes.md"), "notes");
        context = new ToolContext("c1", JsonObject.EMPTY, workspace, "test:me", Instant.now().plusSeconds(5));
    }

    @Nested
    class Accepts {
        @Test
        void a_file_and_a_file_that_does_not_exist_yet_inside_the_workspace() throws Exception {
            assertThat(context.resolve("docs/notes.md")).isEqualTo(workspace.resolve("docs/notes.md"));
            assertThat(context.resolve("docs/new/draft.md")).isEqualTo(workspace.resolve("docs/new/draft.md"));
            assertThat(context.resolve("docs/../docs/./notes.md")).isEqualTo(workspace.resolve("docs/notes.md"));
        }

        @Test
        void a_link_that_stays_inside_and_returns_where_it_leads() throws Exception {
            Files.createSymbolicLink(workspace.resolve("latest"), workspace.resolve("docs"));
            assertThat(context.resolve("latest/notes.md")).isEqualTo(workspace.resolve("docs/notes.md"));
        }
    }

    @Nested
    class Refuses {
        @Test
        void climbing_out_with_dot_dot() {
            assertThatThrownBy(() -> context.resolve("../outside/secret.txt"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path '../outside/secret.txt' leaves the workspace; use a path relative to the"
                            + " workspace");
            assertThatThrownBy(() -> context.resolve("docs/../../outside"))
                    .hasMessageContaining("leaves the workspace");
        }

        @Test
        void an_absolute_path_even_one_inside_the_workspace() {
            assertThatThrownBy(() -> context.resolve(workspace.resolve("docs/notes.md").toString()))
                    .hasMessageEndingWith("is absolute; use a path relative to the workspace");
        }

        @Test
        void links_to_a_file_or_a_directory_outside_and_what_lies_below_them() throws Exception {
            Files.createSymbolicLink(workspace.resolve("passwd"), outside.resolve("secret.txt"));
            Files.createSymbolicLink(workspace.resolve("docs/external"), outside);
            assertThatThrownBy(() -> context.resolve("passwd")).hasMessage("path 'passwd' leads outside the"
                    + " workspace through a symbolic link; only files inside the workspace can be used");
            assertThatThrownBy(() -> context.resolve("docs/external/secret.txt"))
                    .hasMessageContaining("leads outside the workspace");
            assertThatThrownBy(() -> context.resolve("docs/external/not-there/new.txt"))
                    .hasMessageContaining("leads outside the workspace");
        }

        @Test
        void a_broken_link_whose_target_could_be_created_outside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("later"), outside.resolve("later.txt"));
            assertThatThrownBy(() -> context.resolve("later")).hasMessage("path 'later' goes through the broken"
                    + " symbolic link 'later'; its target does not exist");
        }

        @Test
        void empty_nul_and_overlong_paths() {
            assertThatThrownBy(() -> context.resolve(" ")).hasMessageStartingWith("path is empty");
            assertThatThrownBy(() -> context.resolve("a\0b")).hasMessage("path 'a\\u0000b' contains a NUL character;"
                    + " use a plain path relative to the workspace");
            assertThatThrownBy(() -> context.resolve("a/".repeat(2049)))
                    .hasMessageStartingWith("path is 4098 characters long, more than the limit of 4096");
        }
    }
}
