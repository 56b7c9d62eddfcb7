package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grep and glob over a tree of 20,000 files stay fast. The bounds are generous (a slow CI machine, two cores);
 * on a laptop each call takes a fraction of them.
 */
class LargeTreeTest {
    static final int DIRECTORIES = 100;
    static final int FILES_PER_DIRECTORY = 200;
    static final Duration FAST = Duration.ofSeconds(10);

    @TempDir
    static Path workspace;

    @BeforeAll
    static void tree() throws Exception {
        String body = "package demo;\n// filler line\n".repeat(20);
        for (int d = 0; d < DIRECTORIES; d++) {
            Path dir = Files.createDirectories(workspace.resolve("module" + d / 10 + "/pkg" + d));
            for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
                String name = "F" + f + (f % 2 == 0 ? ".md" : ".java");
                Files.writeString(dir.resolve(name), body + "marker " + d + "-" + f + "\n");
            }
        }
        Files.writeString(Files.createDirectories(workspace.resolve(".git")).resolve("HEAD"), "marker 0-0\n");
        // sorts last: grep scans every other file before it meets this line
        Files.writeString(workspace.resolve("module9/pkg99/zz-minified.js"), "a".repeat(50_000) + "!\n");
    }

    private static String timed(Tool tool, Object... arguments) throws Exception {
        long start = System.nanoTime();
        ToolResult result = call(tool, workspace, args(arguments));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time of %s %s", tool.name(), arguments)
                .isLessThan(FAST);
        return switch (result) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> failed.message();
            case ToolResult.Denied denied -> denied.reason();
        };
    }

    @Nested
    class Glob {
        @Test
        void lists_the_newest_of_ten_thousand_matches_and_counts_the_rest() throws Exception {
            String out = timed(new GlobTool(), "pattern", "**/*.md");
            assertThat(out.lines()).hasSize(GlobTool.DEFAULT_LIMIT + 1);
            assertThat(out.lines().toList().getLast()).startsWith("… 9800 more");
        }

        @Test
        void walks_only_the_directory_a_pattern_names() throws Exception {
            assertThat(timed(new GlobTool(), "pattern", "module3/pkg31/F1*.java").lines()).hasSize(56);
        }
    }

    @Nested
    class Grep {
        @Test
        void scans_every_file_for_a_pattern_that_matches_nothing() throws Exception {
            assertThat(timed(new GrepTool(), "pattern", "no such text anywhere"))
                    .isEqualTo("no matches for 'no such text anywhere'");
        }

        @Test
        void finds_matches_across_the_tree_up_to_the_cap() throws Exception {
            String out = timed(new GrepTool(), "pattern", "^marker \\d+-199$", "max_results", 1000);
            assertThat(out.lines()).hasSize(DIRECTORIES).allMatch(line -> line.matches("module\\d/pkg\\d+/F199.java:41: marker \\d+-199"));
        }

        @Test
        void stops_at_the_result_cap_without_scanning_the_rest() throws Exception {
            String out = timed(new GrepTool(), "pattern", "filler", "glob", "*.java");
            assertThat(out.lines()).hasSize(GrepTool.DEFAULT_MAX + 1);
            assertThat(out).doesNotContain(".md:");
        }

        @Test
        void stops_a_catastrophic_pattern_promptly() throws Exception {
            assertThat(timed(new GrepTool(), "pattern", "(a+)+$"))
                    .startsWith("pattern '(a+)+$' is too costly: on line 1 of module9/pkg99/zz-minified.js");
        }

        @Test
        void never_searches_the_git_directory() throws Exception {
            assertThat(timed(new GrepTool(), "pattern", "^marker 0-0$")).isEqualTo("module0/pkg0/F0.md:41: marker 0-0");
        }
    }

    @Test
    void generated_twenty_thousand_files() throws Exception {
        try (var files = Files.walk(workspace)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(DIRECTORIES * FILES_PER_DIRECTORY + 2);
        }
        assertThat(failure(call(new GlobTool(), workspace, args("pattern", "../*")))).contains("climbs out");
        assertThat(content(call(new GlobTool(), workspace, args("pattern", "*")))).startsWith("no files match");
    }
}
