package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static dev.jclaw.plugins.files.ToolCalls.names;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.tool.ToolResult;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditToolTest {
    @TempDir
    Path tmp;

    Path workspace;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private ToolResult edit(String path, String oldText, String newText) throws Exception {
        return call(new EditTool(), workspace, args("path", path, "old_string", oldText, "new_string", newText));
    }

    private ToolResult editAll(String path, String oldText, String newText) throws Exception {
        return call(new EditTool(), workspace, args("path", path, "old_string", oldText, "new_string", newText,
                "replace_all", true));
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(workspace.resolve(name), text);
    }

    @Nested
    class UniqueMatch {
        @Test
        void replaces_the_one_occurrence_and_names_its_line() throws Exception {
            Path a = file("a.txt", "one\ntwo\nthree\n");
            assertThat(content(edit("a.txt", "two", "2"))).isEqualTo("replaced 1 occurrence in a.txt (line 2)");
            assertThat(a).hasContent("one\n2\nthree\n");
        }

        @Test
        void takes_replacement_text_literally() throws Exception {
            Path a = file("a.txt", "beta $1 \\ gamma");
            content(edit("a.txt", "beta $1 \\", "BETA $2 \\\\ (.*)"));
            assertThat(a).hasContent("BETA $2 \\\\ (.*) gamma");
        }

        @Test
        void refuses_a_match_that_is_not_unique_naming_the_count_and_lines() throws Exception {
            Path a = file("a.txt", "x = 1\ny = 2\nx = 1\n");
            assertThat(failure(edit("a.txt", "x = 1", "x = 3"))).isEqualTo("old_string occurs 2 times in 'a.txt' "
                    + "(lines 1, 3); include more of the surrounding lines to make it unique, or set replace_all to true");
            assertThat(a).hasContent("x = 1\ny = 2\nx = 1\n");
        }

        @Test
        void counts_occurrences_that_do_not_overlap() throws Exception {
            file("a.txt", "aaaa");
            assertThat(failure(edit("a.txt", "aa", "b"))).startsWith("old_string occurs 2 times");
        }

        @Test
        void names_only_the_first_lines_of_many_matches() throws Exception {
            file("a.txt", "x\n".repeat(8));
            assertThat(failure(edit("a.txt", "x", "y"))).contains("occurs 8 times").contains("(lines 1, 2, 3, 4, 5, …)");
        }

        @Test
        void explains_a_missing_match() throws Exception {
            file("a.txt", "    indented\n");
            assertThat(failure(edit("a.txt", "  indented\t", "x"))).isEqualTo("old_string was not found in 'a.txt'; "
                    + "read the file and copy the exact text, whitespace and indentation included");
        }
    }

    @Nested
    class ReplaceAll {
        @Test
        void replaces_every_occurrence() throws Exception {
            Path a = file("a.txt", "x = 1\ny = 2\nx = 1\n");
            assertThat(content(editAll("a.txt", "x = 1", "x = 3")))
                    .isEqualTo("replaced 2 occurrences in a.txt (lines 1, 3)");
            assertThat(a).hasContent("x = 3\ny = 2\nx = 3\n");
        }

        @Test
        void also_accepts_a_single_occurrence() throws Exception {
            file("a.txt", "only once");
            assertThat(content(editAll("a.txt", "once", "twice"))).startsWith("replaced 1 occurrence");
        }

        @Test
        void refuses_a_result_over_the_size_limit_and_changes_nothing() throws Exception {
            Path a = file("a.txt", "x".repeat(20));
            assertThat(failure(editAll("a.txt", "x", "y".repeat(EditTool.MAX_BYTES / 10))))
                    .contains("more than the limit of 10 MiB; nothing was changed");
            assertThat(a).hasContent("x".repeat(20));
        }
    }

    @Nested
    class LineEndingsAndEncoding {
        @Test
        void keeps_crlf_line_endings_and_a_byte_order_mark() throws Exception {
            Path a = workspace.resolve("a.txt");
            Files.write(a, "\uFEFFalpha\r\nbeta\r\n".getBytes(StandardCharsets.UTF_8));
            content(edit("a.txt", "beta", "gamma"));
            assertThat(Files.readAllBytes(a)).isEqualTo("\uFEFFalpha\r\ngamma\r\n".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void matches_lf_text_from_the_model_against_a_crlf_file_and_writes_crlf() throws Exception {
            Path a = file("a.txt", "one\r\ntwo\r\nthree\r\n");
            assertThat(content(edit("a.txt", "one\ntwo\n", "1\n2\n"))).startsWith("replaced 1 occurrence");
            assertThat(a).hasContent("1\r\n2\r\nthree\r\n");
        }

        @Test
        void keeps_multibyte_text_intact() throws Exception {
            Path a = file("a.txt", "naïve café 🙂\n");
            content(edit("a.txt", "café", "tea"));
            assertThat(a).hasContent("naïve tea 🙂\n");
        }

        @Test
        void keeps_the_file_permissions() throws Exception {
            Path script = file("run.sh", "echo old\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            content(edit("run.sh", "old", "new"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
            assertThat(names(workspace)).containsExactly("run.sh");
        }

        @Test
        void refuses_binary_files() throws Exception {
            Path bin = Files.write(workspace.resolve("a.bin"), new byte[] {'a', 'b', 0, 'c'});
            assertThat(failure(edit("a.bin", "a", "b"))).isEqualTo("'a.bin' is a binary file (it contains NUL bytes); "
                    + "edit only edits text");
            assertThat(bin).hasBinaryContent(new byte[] {'a', 'b', 0, 'c'});
        }

        @Test
        void refuses_a_nul_byte_far_into_the_file() throws Exception {
            Files.write(workspace.resolve("late.bin"), ("a".repeat(100_000) + "\0").getBytes(StandardCharsets.UTF_8));
            assertThat(failure(edit("late.bin", "a", "b"))).contains("binary");
        }

        @Test
        void refuses_text_that_is_not_utf8() throws Exception {
            Files.write(workspace.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
            assertThat(failure(edit("latin1.txt", "caf", "tea"))).contains("is not valid UTF-8 text");
        }

        @Test
        void refuses_files_over_ten_mebibytes() throws Exception {
            try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("big.txt").toFile(), "rw")) {
                big.setLength(EditTool.MAX_BYTES + 1L);
            }
            assertThat(failure(edit("big.txt", "a", "b"))).contains("larger than 10 MiB");
        }
    }

    @Nested
    class Refusals {
        @Test
        void refuses_an_empty_old_string_and_one_equal_to_new_string() throws Exception {
            file("a.txt", "hello");
            assertThat(failure(edit("a.txt", "", "x"))).startsWith("old_string is empty");
            assertThat(failure(edit("a.txt", "hello", "hello"))).contains("the same");
        }

        @Test
        void suggests_close_names_for_a_missing_file_or_says_to_use_write() throws Exception {
            file("Main.java", "class Main {}");
            assertThat(failure(edit("main.java", "a", "b"))).contains("did you mean 'Main.java'?");
            assertThat(failure(edit("nothing.md", "a", "b")))
                    .isEqualTo("file 'nothing.md' does not exist; use write to create a new file");
        }

        @Test
        void refuses_a_directory() throws Exception {
            Files.createDirectories(workspace.resolve("dir"));
            assertThat(failure(edit("dir", "a", "b"))).contains("is a directory");
        }

        @Test
        void refuses_unknown_and_wrongly_typed_arguments() throws Exception {
            file("a.txt", "a");
            assertThat(failure(call(new EditTool(), workspace, args("path", "a.txt", "old_string", "a",
                    "new_string", "b", "count", 2)))).startsWith("unknown argument 'count'");
            assertThat(failure(call(new EditTool(), workspace, args("path", "a.txt", "old_string", "a",
                    "new_string", "b", "replace_all", "yes")))).contains("'replace_all'");
            assertThat(failure(call(new EditTool(), workspace, args("path", "a.txt", "old_string", "a"))))
                    .contains("'new_string'");
        }
    }

    @Nested
    class Confinement {
        @Test
        void refuses_dot_dot_absolute_and_nul_paths() throws Exception {
            Path secret = Files.writeString(outside.resolve("secret.txt"), "key=1");
            assertThat(failure(edit("../outside/secret.txt", "1", "2"))).contains("leaves the workspace");
            assertThat(failure(edit(secret.toString(), "1", "2"))).contains("is absolute");
            assertThat(failure(edit("a\u0000b", "1", "2"))).contains("NUL");
            assertThat(secret).hasContent("key=1");
        }

        @Test
        void refuses_file_and_directory_links_that_lead_outside() throws Exception {
            Path secret = Files.writeString(outside.resolve("secret.txt"), "key=1");
            Files.createSymbolicLink(workspace.resolve("secret.txt"), secret);
            Files.createSymbolicLink(workspace.resolve("out"), outside);
            assertThat(failure(edit("secret.txt", "1", "2"))).contains("outside the workspace");
            assertThat(failure(edit("out/secret.txt", "1", "2"))).contains("outside the workspace");
            assertThat(secret).hasContent("key=1");
        }

        @Test
        void edits_the_target_of_a_link_that_stays_inside() throws Exception {
            Path target = file("target.txt", "v1");
            Files.createSymbolicLink(workspace.resolve("alias.txt"), target);
            assertThat(content(edit("alias.txt", "v1", "v2"))).isEqualTo("replaced 1 occurrence in target.txt (line 1)");
            assertThat(target).hasContent("v2");
            assertThat(workspace.resolve("alias.txt")).isSymbolicLink();
        }
    }
}
