package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static dev.jclaw.plugins.files.ToolCalls.path;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read tool only ever reads inside the workspace, however the path is spelled. */
class ReadToolConfinementTest {

    private static final String SECRET = "root:x:0:0";

    @TempDir
    Path tmp;

    Path workspace;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(Files.createDirectories(workspace.resolve("docs")).resolve("guide.md"), "# Guide\n");
    }

    private ToolResult read(String path) throws Exception {
        return call(new ReadTool(), workspace, path(path));
    }

    @Nested
    class SpelledPaths {
        @Test
        void refuses_climbing_out_with_dot_dot() throws Exception {
            assertThat(failure(read("../outside/secret.txt"))).isEqualTo(
                    "path '../outside/secret.txt' leaves the workspace; use a path relative to the workspace");
            assertThat(failure(read("docs/../../outside/secret.txt"))).contains("leaves the workspace");
            assertThat(failure(read(".."))).contains("leaves the workspace");
        }

        @Test
        void allows_dot_dot_that_stays_inside() throws Exception {
            assertThat(content(read("docs/../docs/./guide.md"))).isEqualTo("     1\t# Guide");
        }

        @Test
        void refuses_an_absolute_path_even_into_the_workspace() throws Exception {
            String inside = workspace.resolve("docs/guide.md").toString();

            assertThat(failure(read("/etc/passwd")))
                    .isEqualTo("path '/etc/passwd' is absolute; use a path relative to the workspace");
            assertThat(failure(read(inside))).isEqualTo("path '" + inside + "' is absolute; "
                    + "use a path relative to the workspace");
        }

        @Test
        void refuses_a_nul_character_and_shows_it_escaped() throws Exception {
            assertThat(failure(read("docs/guide.md\u0000.png"))).isEqualTo(
                    "path 'docs/guide.md\\u0000.png' contains a NUL character; use a plain path relative to the workspace");
        }

        @Test
        void refuses_an_empty_path() throws Exception {
            assertThat(failure(read(" "))).isEqualTo(
                    "path is empty; use a path relative to the workspace, e.g. 'README.md'");
        }

        @Test
        void refuses_an_over_long_path_without_echoing_it() throws Exception {
            String message = failure(read("a/".repeat(3000) + "x.txt"));

            assertThat(message).isEqualTo("path is 6005 characters long, more than the limit of 4096; "
                    + "use a shorter path relative to the workspace");
        }

        @Test
        void reads_paths_with_a_leading_dot_slash() throws Exception {
            assertThat(content(read("./docs/guide.md"))).isEqualTo("     1\t# Guide");
        }

        @Test
        void treats_a_tilde_as_an_ordinary_name() throws Exception {
            assertThat(failure(read("~/secret.txt")))
                    .isEqualTo("file '~/secret.txt' does not exist; use glob to find files");
        }
    }

    @Nested
    class SymbolicLinks {
        @Test
        void refuses_a_file_link_that_points_outside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("passwd"), outside.resolve("secret.txt"));

            assertThat(failure(read("passwd"))).isEqualTo("path 'passwd' leads outside the workspace through a "
                    + "symbolic link; only files inside the workspace can be used");
        }

        @Test
        void refuses_a_file_under_a_directory_link_that_points_outside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("docs/external"), outside);

            assertThat(failure(read("docs/external/secret.txt"))).contains("leads outside the workspace");
            assertThat(failure(read("docs/external"))).contains("leads outside the workspace");
        }

        @Test
        void refuses_a_missing_file_under_an_outside_link_without_saying_whether_it_exists() throws Exception {
            Files.createSymbolicLink(workspace.resolve("external"), outside);

            assertThat(failure(read("external/no-such-file.txt"))).contains("leads outside the workspace");
        }

        @Test
        void refuses_a_relative_link_that_climbs_out() throws Exception {
            Files.createSymbolicLink(workspace.resolve("docs/up"), Path.of("../../outside/secret.txt"));

            assertThat(failure(read("docs/up"))).contains("leads outside the workspace");
        }

        @Test
        void refuses_a_link_chain_that_ends_outside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("hop2"), outside.resolve("secret.txt"));
            Files.createSymbolicLink(workspace.resolve("hop1"), Path.of("hop2"));

            assertThat(failure(read("hop1"))).contains("leads outside the workspace");
        }

        @Test
        void reads_through_links_that_stay_inside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("guide-link.md"), Path.of("docs/guide.md"));
            Files.createSymbolicLink(workspace.resolve("manual"), workspace.resolve("docs"));

            assertThat(content(read("guide-link.md"))).isEqualTo("     1\t# Guide");
            assertThat(content(read("manual/guide.md"))).isEqualTo("     1\t# Guide");
        }

        @Test
        void refuses_a_broken_link_naming_it() throws Exception {
            Files.createSymbolicLink(workspace.resolve("docs/dangling"), Path.of("gone.md"));

            assertThat(failure(read("docs/dangling"))).isEqualTo(
                    "path 'docs/dangling' goes through the broken symbolic link 'docs/dangling'; its target does not exist");
        }

        @Test
        void judges_dot_dot_by_the_spelled_path_not_by_the_link_target() throws Exception {
            // the OS would resolve external/.. to outside's parent; the tool reads workspace/docs/guide.md instead
            Files.createSymbolicLink(workspace.resolve("external"), outside);

            assertThat(content(read("external/../docs/guide.md"))).isEqualTo("     1\t# Guide");
        }

        @Test
        void accepts_a_workspace_that_is_itself_reached_through_a_link() throws Exception {
            Path alias = Files.createSymbolicLink(tmp.resolve("alias"), workspace);

            assertThat(content(call(new ReadTool(), alias, path("docs/guide.md")))).isEqualTo("     1\t# Guide");
            assertThat(failure(call(new ReadTool(), alias, path("../outside/secret.txt"))))
                    .contains("leaves the workspace");
        }

        @Test
        void reports_a_link_loop_as_a_read_error() throws Exception {
            Files.createSymbolicLink(workspace.resolve("loop-a"), Path.of("loop-b"));
            Files.createSymbolicLink(workspace.resolve("loop-b"), Path.of("loop-a"));

            assertThat(failure(read("loop-a"))).startsWith("cannot read 'loop-a': ");
        }
    }
}
