package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static dev.jclaw.plugins.files.ToolCalls.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteToolTest {
    @TempDir
    Path tmp;

    Path workspace;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private ToolResult write(String path, String content) throws Exception {
        return call(new WriteTool(), workspace, args("path", path, "content", content));
    }

    @Nested
    class Creating {
        @Test
        void creates_a_file_and_its_missing_parent_directories() throws Exception {
            assertThat(content(write("docs/new/a.md", "one\ntwo\n"))).isEqualTo("created docs/new/a.md (2 lines, 8 bytes)");
            assertThat(workspace.resolve("docs/new/a.md")).hasContent("one\ntwo\n");
        }

        @Test
        void counts_bytes_in_utf8_and_a_last_line_without_a_line_break() throws Exception {
            assertThat(content(write("é.txt", "é"))).isEqualTo("created é.txt (1 line, 2 bytes)");
            assertThat(content(write("empty.txt", ""))).isEqualTo("created empty.txt (0 lines, 0 bytes)");
            assertThat(workspace.resolve("empty.txt")).isEmptyFile();
        }

        @Test
        void gives_a_new_file_the_same_permissions_as_any_file_the_process_creates() throws Exception {
            Files.writeString(workspace.resolve("reference.txt"), "x");
            write("new.txt", "x");
            assertThat(Files.getPosixFilePermissions(workspace.resolve("new.txt")))
                    .isEqualTo(Files.getPosixFilePermissions(workspace.resolve("reference.txt")));
        }
    }

    @Nested
    class Replacing {
        @Test
        void replaces_a_file_whole_and_says_so() throws Exception {
            Files.writeString(workspace.resolve("a.txt"), "a much longer old content\n".repeat(10));
            assertThat(content(write("a.txt", "new\n"))).isEqualTo("replaced a.txt (1 line, 4 bytes)");
            assertThat(workspace.resolve("a.txt")).hasContent("new\n");
            assertThat(names(workspace)).containsExactly("a.txt");
        }

        @Test
        void keeps_the_permissions_of_the_file_it_replaces() throws Exception {
            Path script = Files.writeString(workspace.resolve("run.sh"), "echo old\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
            write("run.sh", "echo new\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        }

        @Test
        void writes_through_a_link_that_stays_inside_to_the_file_it_points_at() throws Exception {
            Path target = Files.writeString(workspace.resolve("target.txt"), "old");
            Files.createSymbolicLink(workspace.resolve("alias.txt"), target);
            assertThat(content(write("alias.txt", "new"))).isEqualTo("replaced target.txt (1 line, 3 bytes)");
            assertThat(target).hasContent("new");
            assertThat(workspace.resolve("alias.txt")).isSymbolicLink();
        }
    }

    @Nested
    class Confinement {
        @Test
        void refuses_dot_dot_that_leaves_the_workspace() throws Exception {
            assertThat(failure(write("../evil.txt", "x"))).contains("leaves the workspace");
            assertThat(failure(write("docs/../../outside/evil.txt", "x"))).contains("leaves the workspace");
            assertThat(names(outside)).isEmpty();
        }

        @Test
        void refuses_an_absolute_path_even_into_the_workspace() throws Exception {
            assertThat(failure(write(outside.resolve("x").toString(), "x"))).contains("is absolute");
            assertThat(failure(write(workspace.resolve("x").toString(), "x"))).contains("is absolute");
            assertThat(names(outside)).isEmpty();
            assertThat(names(workspace)).isEmpty();
        }

        @Test
        void refuses_a_directory_link_that_leads_outside() throws Exception {
            Files.createSymbolicLink(workspace.resolve("escape"), outside);
            assertThat(failure(write("escape/x.txt", "x"))).contains("outside the workspace");
            assertThat(failure(write("escape/new/x.txt", "x"))).contains("outside the workspace");
            assertThat(names(outside)).isEmpty();
        }

        @Test
        void refuses_a_file_link_that_leads_outside_and_leaves_its_target_alone() throws Exception {
            Path secret = Files.writeString(outside.resolve("passwd"), "root");
            Files.createSymbolicLink(workspace.resolve("passwd"), secret);
            assertThat(failure(write("passwd", "owned"))).contains("outside the workspace");
            assertThat(secret).hasContent("root");
            assertThat(workspace.resolve("passwd")).isSymbolicLink();
        }

        @Test
        void refuses_a_dangling_link_to_a_file_outside_that_would_be_created() throws Exception {
            Files.createSymbolicLink(workspace.resolve("planted"), outside.resolve("created-by-write"));
            assertThat(failure(write("planted", "x"))).contains("broken symbolic link");
            assertThat(names(outside)).isEmpty();
        }

        @Test
        void refuses_a_nul_character_in_the_path() throws Exception {
            assertThat(failure(write("a.txt\u0000.sh", "x"))).contains("NUL");
            assertThat(names(workspace)).isEmpty();
        }
    }

    @Nested
    class Refusals {
        @Test
        void refuses_to_replace_a_directory() throws Exception {
            Files.writeString(Files.createDirectories(workspace.resolve("dir")).resolve("inner.txt"), "keep");
            assertThat(failure(write("dir", "x"))).isEqualTo("'dir' is a directory; give the path of a file");
            assertThat(failure(write(".", "x"))).contains("is a directory");
            assertThat(workspace.resolve("dir/inner.txt")).hasContent("keep");
            assertThat(names(workspace.resolve("dir"))).containsExactly("inner.txt");
        }

        @Test
        void refuses_content_over_ten_mebibytes_in_characters_or_in_utf8_bytes() throws Exception {
            assertThat(failure(write("big.txt", "x".repeat(WriteTool.MAX_BYTES + 1))))
                    .startsWith("content is 10485761 characters, more than the limit of 10 MiB");
            assertThat(failure(write("big.txt", "é".repeat(WriteTool.MAX_BYTES / 2 + 1))))
                    .startsWith("content is 10485762 bytes in UTF-8, more than the limit of 10 MiB");
            assertThat(names(workspace)).isEmpty();
        }

        @Test
        void accepts_content_of_exactly_the_limit() throws Exception {
            assertThat(content(write("max.txt", "x".repeat(WriteTool.MAX_BYTES)))).endsWith("10485760 bytes)");
        }

        @Test
        void refuses_text_that_utf8_cannot_encode() throws Exception {
            assertThat(failure(write("a.txt", "half \uD800 a pair"))).contains("unpaired surrogate");
        }

        @Test
        void refuses_missing_wrong_and_unknown_arguments() throws Exception {
            assertThat(failure(call(new WriteTool(), workspace, args("path", "a.txt")))).contains("'content'");
            assertThat(failure(call(new WriteTool(), workspace, args("path", "a.txt", "content", 42))))
                    .contains("'content'");
            assertThat(failure(call(new WriteTool(), workspace, args("path", "a", "content", "b", "mode", "x"))))
                    .isEqualTo("unknown argument 'mode'; write takes content, path");
        }
    }

    @Nested
    class Atomicity {
        @Test
        void leaves_nothing_behind_when_a_parent_is_a_file() throws Exception {
            Files.writeString(workspace.resolve("file"), "keep");
            assertThat(failure(write("file/child.txt", "x")))
                    .isEqualTo("cannot write 'file/child.txt': 'file' is a file, not a directory");
            assertThat(failure(write("file/deeper/child.txt", "x"))).contains("'file' is a file");
            assertThat(workspace.resolve("file")).hasContent("keep");
            assertThat(names(workspace)).containsExactly("file");
        }

        @Test
        void removes_the_directories_it_made_and_its_temporary_file_when_the_write_fails() throws Exception {
            String tooLongName = "x".repeat(300);
            assertThat(failure(write("made/for/" + tooLongName, "x"))).startsWith("cannot write 'made/for/xxx");
            assertThat(names(workspace)).isEmpty();
        }

        @Test
        void keeps_the_old_content_when_the_replacement_fails() throws Exception {
            Files.writeString(Files.createDirectories(workspace.resolve("dir")).resolve("a.txt"), "old");
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> write("dir/a.txt", "new")).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).as("interrupt flag cleared with the exception").isFalse();
            assertThat(workspace.resolve("dir/a.txt")).hasContent("old");
            assertThat(names(workspace.resolve("dir"))).containsExactly("a.txt");
        }

        @Test
        void creates_nothing_when_interrupted() throws Exception {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> write("new/dirs/a.txt", "new")).isInstanceOf(InterruptedException.class);
            Thread.interrupted();
            assertThat(names(workspace)).isEmpty();
        }
    }
}
