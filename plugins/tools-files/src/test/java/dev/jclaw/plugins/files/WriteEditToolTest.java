package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteEditToolTest {
    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    static JsonObject write(String path, String content) {
        return JsonObject.builder().put("path", path).put("content", content).build();
    }

    static JsonObject edit(String path, String oldText, String newText, boolean all) {
        return JsonObject.builder().put("path", path).put("old_string", oldText).put("new_string", newText)
                .put("replace_all", all).build();
    }

    @Nested
    class Write {
        @Test
        void creates_a_file_with_its_parents_and_replaces_it_later() throws Exception {
            assertThat(content(call(new WriteTool(), workspace, write("docs/new/a.md", "one\ntwo\n"))))
                    .isEqualTo("created docs/new/a.md (2 lines, 8 bytes)");
            assertThat(workspace.resolve("docs/new/a.md")).hasContent("one\ntwo\n");
            assertThat(content(call(new WriteTool(), workspace, write("docs/new/a.md", "three"))))
                    .startsWith("replaced docs/new/a.md");
            try (var files = Files.list(workspace.resolve("docs/new"))) {
                assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a.md");
            }
        }

        @Test
        void refuses_paths_that_leave_the_workspace() throws Exception {
            assertThat(failure(call(new WriteTool(), workspace, write("../evil.txt", "x")))).contains("leaves the workspace");
            assertThat(failure(call(new WriteTool(), workspace, write(outside.resolve("x").toString(), "x"))))
                    .contains("absolute");
            Files.createSymbolicLink(workspace.resolve("escape"), outside);
            assertThat(failure(call(new WriteTool(), workspace, write("escape/x.txt", "x")))).contains("outside");
            assertThat(outside.resolve("x.txt")).doesNotExist();
        }

        @Test
        void refuses_a_directory_oversized_content_and_bad_arguments() throws Exception {
            Files.createDirectories(workspace.resolve("dir"));
            assertThat(failure(call(new WriteTool(), workspace, write("dir", "x")))).contains("is a directory");
            assertThat(failure(call(new WriteTool(), workspace, write("big.txt", "x".repeat(WriteTool.MAX_CHARS + 1)))))
                    .contains("more than the limit");
            assertThat(failure(call(new WriteTool(), workspace, ToolCalls.path("a.txt"))))
                    .contains("'content' is required");
            assertThat(failure(call(new WriteTool(), workspace, write("a.txt", "x").members().isEmpty()
                    ? null : JsonObject.builder().put("path", "a").put("content", "b").put("mode", "x").build())))
                    .contains("unknown argument 'mode'");
        }

        @Test
        void leaves_nothing_half_written_when_the_target_cannot_be_replaced() throws Exception {
            Files.writeString(workspace.resolve("file"), "keep");
            assertThat(failure(call(new WriteTool(), workspace, write("file/child.txt", "x"))))
                    .startsWith("cannot write");
            assertThat(workspace.resolve("file")).hasContent("keep");
            try (var files = Files.list(workspace)) {
                assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("file");
            }
        }
    }

    @Nested
    class Edit {
        @Test
        void replaces_a_unique_match_keeping_the_rest_byte_for_byte() throws Exception {
            Files.writeString(workspace.resolve("a.txt"), "alpha\r\nbeta $1 \\ gamma\r\n");
            assertThat(content(call(new EditTool(), workspace, edit("a.txt", "beta $1 \\", "BETA $2 \\\\", false))))
                    .isEqualTo("replaced 1 occurrence in a.txt");
            assertThat(workspace.resolve("a.txt")).hasContent("alpha\r\nBETA $2 \\\\ gamma\r\n");
        }

        @Test
        void refuses_a_match_that_is_not_unique_unless_replace_all() throws Exception {
            Files.writeString(workspace.resolve("a.txt"), "x = 1\nx = 1\n");
            assertThat(failure(call(new EditTool(), workspace, edit("a.txt", "x = 1", "x = 2", false))))
                    .contains("occurs 2 times").contains("replace_all");
            assertThat(workspace.resolve("a.txt")).hasContent("x = 1\nx = 1\n");
            assertThat(content(call(new EditTool(), workspace, edit("a.txt", "x = 1", "x = 2", true))))
                    .isEqualTo("replaced 2 occurrences in a.txt");
        }

        @Test
        void explains_what_is_wrong() throws Exception {
            Files.writeString(workspace.resolve("a.txt"), "hello");
            Files.write(workspace.resolve("bin"), new byte[] {1, 0, 2});
            assertThat(failure(call(new EditTool(), workspace, edit("a.txt", "bye", "x", false)))).contains("not found");
            assertThat(failure(call(new EditTool(), workspace, edit("a.txt", "", "x", false)))).contains("empty");
            assertThat(failure(call(new EditTool(), workspace, edit("a.txt", "hello", "hello", false))))
                    .contains("the same");
            assertThat(failure(call(new EditTool(), workspace, edit("nope.txt", "a", "b", false))))
                    .contains("does not exist");
            assertThat(failure(call(new EditTool(), workspace, edit("bin", "a", "b", false)))).contains("binary");
            assertThat(failure(call(new EditTool(), workspace, edit("../x", "a", "b", false))))
                    .contains("leaves the workspace");
        }
    }
}
