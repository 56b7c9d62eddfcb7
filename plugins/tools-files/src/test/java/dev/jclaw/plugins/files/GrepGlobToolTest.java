package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrepGlobToolTest {
    @TempDir
    Path workspace;
    @TempDir
    Path outside;

    @Nested
    class Glob {
        @Test
        void lists_matches_newest_first_and_skips_hidden_directories() throws Exception {
            Files.createDirectories(workspace.resolve("src/a"));
            Files.createDirectories(workspace.resolve(".git"));
            Files.writeString(workspace.resolve("Top.java"), "x");
            Files.writeString(workspace.resolve("src/a/Old.java"), "x");
            Files.writeString(workspace.resolve("src/a/New.java"), "x");
            Files.writeString(workspace.resolve(".git/Hidden.java"), "x");
            Files.setLastModifiedTime(workspace.resolve("src/a/Old.java"), FileTime.fromMillis(1_000_000));
            String found = content(call(new GlobTool(), workspace, JsonObject.builder().put("pattern", "**/*.java")
                    .build()));
            assertThat(found.lines()).containsExactlyInAnyOrder("Top.java", "src/a/New.java", "src/a/Old.java");
            assertThat(found.lines().toList().getLast()).isEqualTo("src/a/Old.java");
        }

        @Test
        void does_not_follow_links_out_of_the_workspace_and_refuses_escapes() throws Exception {
            Files.writeString(outside.resolve("secret.txt"), "x");
            Files.createSymbolicLink(workspace.resolve("link"), outside);
            assertThat(content(call(new GlobTool(), workspace, JsonObject.builder().put("pattern", "**/*.txt")
                    .build()))).startsWith("no files match");
            assertThat(failure(call(new GlobTool(), workspace, JsonObject.builder().put("pattern", "*")
                    .put("path", "..").build()))).contains("leaves the workspace");
            assertThat(failure(call(new GlobTool(), workspace, JsonObject.builder().put("pattern", "[")
                    .build()))).contains("not a valid glob");
        }

        @Test
        void stays_fast_on_twenty_thousand_files() throws Exception {
            for (int d = 0; d < 100; d++) {
                Path dir = Files.createDirectories(workspace.resolve("d" + d));
                for (int f = 0; f < 200; f++) {
                    Files.writeString(dir.resolve("f" + f + (f % 2 == 0 ? ".md" : ".txt")), "line " + f + "\n");
                }
            }
            long start = System.nanoTime();
            String found = content(call(new GlobTool(), workspace, JsonObject.builder().put("pattern", "**/*.md")
                    .build()));
            assertThat(found).contains("… 9800 more");
            String grep = content(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "line 199$")
                    .put("max_results", 1000).build()));
            assertThat(grep.lines()).hasSize(100);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Nested
    class Grep {
        @Test
        void prints_path_line_and_text_with_filters() throws Exception {
            Files.createDirectories(workspace.resolve("src"));
            Files.writeString(workspace.resolve("src/A.java"), "class A {\n  // TODO fix\n}\n");
            Files.writeString(workspace.resolve("notes.md"), "todo: milk\n");
            Files.write(workspace.resolve("blob.bin"), new byte[] {'T', 'O', 'D', 'O', 0, 1});
            assertThat(content(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "TODO").build())))
                    .isEqualTo("src/A.java:2:   // TODO fix");
            assertThat(content(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "todo")
                    .put("case_insensitive", true).put("glob", "*.md").build()))).isEqualTo("notes.md:1: todo: milk");
        }

        @Test
        void refuses_bad_regexes_and_arguments() throws Exception {
            assertThat(failure(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "(unclosed")
                    .build()))).contains("not a valid regular expression");
            assertThat(failure(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "x")
                    .put("max_results", 5000).build()))).contains("max_results");
            assertThat(failure(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "x")
                    .put("path", "../..").build()))).contains("leaves the workspace");
        }

        @Test
        void stops_a_catastrophic_regex_promptly() throws Exception {
            Files.writeString(workspace.resolve("a.txt"), "a".repeat(28) + "\n");
            long start = System.nanoTime();
            String out = content(call(new GrepTool(), workspace, JsonObject.builder().put("pattern", "(.*a){29}")
                    .build()));
            assertThat(out).contains("took too long");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
