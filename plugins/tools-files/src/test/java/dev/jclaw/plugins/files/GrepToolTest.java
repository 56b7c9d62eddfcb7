package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.tool.ToolResult;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrepToolTest {
    @TempDir
    Path tmp;

    Path workspace;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private ToolResult grep(Object... arguments) throws Exception {
        return call(new GrepTool(), workspace, args(arguments));
    }

    private void file(String name, String text) throws Exception {
        Path path = workspace.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    @Nested
    class Output {
        @Test
        void prints_path_line_and_text_sorted_by_path() throws Exception {
            file("src/b/B.java", "// TODO two\n");
            file("src/a/A.java", "class A {\n  // TODO one\n}\n");
            file("README.md", "nothing here\n");
            assertThat(content(grep("pattern", "TODO"))).isEqualTo("src/a/A.java:2:   // TODO one\nsrc/b/B.java:1: // TODO two");
        }

        @Test
        void matches_anywhere_in_the_line_and_honours_anchors() throws Exception {
            file("a.txt", "\uFEFFfirst\r\nsecond\r\n");
            assertThat(content(grep("pattern", "^first$"))).isEqualTo("a.txt:1: first");
            assertThat(content(grep("pattern", "con"))).isEqualTo("a.txt:2: second");
        }

        @Test
        void ignores_case_when_asked() throws Exception {
            file("a.txt", "Straße\nTODO\n");
            assertThat(content(grep("pattern", "todo"))).startsWith("no matches for 'todo'");
            assertThat(content(grep("pattern", "todo", "case_insensitive", true))).isEqualTo("a.txt:2: TODO");
            assertThat(content(grep("pattern", "STRASSE|straße", "case_insensitive", true))).isEqualTo("a.txt:1: Straße");
        }

        @Test
        void cuts_a_long_line_around_the_match() throws Exception {
            file("min.js", "a".repeat(10_000) + "NEEDLE" + "b".repeat(10_000) + "\nshort NEEDLE\n");
            String out = content(grep("pattern", "NEEDLE"));
            String first = out.lines().findFirst().orElseThrow();
            assertThat(first).startsWith("min.js:1: …a").contains("NEEDLE").endsWith("b…");
            assertThat(first.length()).isLessThan(GrepTool.LINE_CHARS + 20);
            assertThat(out.lines()).contains("min.js:2: short NEEDLE");
        }

        @Test
        void stops_at_max_results_and_says_more_lines_match() throws Exception {
            file("a.txt", "hit\n".repeat(10));
            String out = content(grep("pattern", "hit", "max_results", 3));
            assertThat(out.lines()).hasSize(4).first().isEqualTo("a.txt:1: hit");
            assertThat(out.lines().toList().getLast()).startsWith("… stopped at 3 results; more lines match");
            assertThat(content(grep("pattern", "hit", "max_results", 10)).lines()).hasSize(10);
        }

        @Test
        void says_when_nothing_matches_and_where_it_looked() throws Exception {
            file("src/a.txt", "x");
            assertThat(content(grep("pattern", "y", "path", "src", "glob", "*.md")))
                    .isEqualTo("no matches for 'y' in 'src' among files matching '*.md'");
        }
    }

    @Nested
    class Filters {
        @BeforeEach
        void tree() throws Exception {
            file("Top.java", "hit\n");
            file("src/main/App.java", "hit\n");
            file("src/main/notes.md", "hit\n");
            file("docs/guide.md", "hit\n");
        }

        @Test
        void matches_a_glob_without_a_slash_against_file_names_at_any_depth() throws Exception {
            assertThat(content(grep("pattern", "hit", "glob", "*.java")).lines())
                    .containsExactly("Top.java:1: hit", "src/main/App.java:1: hit");
        }

        @Test
        void matches_a_glob_with_a_slash_against_paths_below_the_searched_directory() throws Exception {
            assertThat(content(grep("pattern", "hit", "glob", "**/*.md")).lines())
                    .containsExactly("docs/guide.md:1: hit", "src/main/notes.md:1: hit");
            assertThat(content(grep("pattern", "hit", "glob", "src/**/*.java")).lines())
                    .containsExactly("src/main/App.java:1: hit");
            assertThat(content(grep("pattern", "hit", "path", "src", "glob", "main/*.md")).lines())
                    .containsExactly("src/main/notes.md:1: hit");
        }

        @Test
        void searches_one_file_when_the_path_is_a_file() throws Exception {
            assertThat(content(grep("pattern", "hit", "path", "docs/guide.md"))).isEqualTo("docs/guide.md:1: hit");
        }

        @Test
        void skips_binary_files_hidden_directories_and_files_over_the_size_limit() throws Exception {
            Files.write(workspace.resolve("blob.bin"), new byte[] {'h', 'i', 't', 0, '\n'});
            file(".git/objects/x", "hit\n");
            file(".hidden/y", "hit\n");
            try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("huge.log").toFile(), "rw")) {
                big.setLength(GrepSearch.MAX_FILE_BYTES + 1);
            }
            String out = content(grep("pattern", "hit"));
            assertThat(out).doesNotContain("blob.bin", ".git", ".hidden");
            assertThat(out.lines().toList().getLast()).isEqualTo("… skipped 1 file over 20 MiB");
        }

        @Test
        void searches_a_hidden_directory_when_asked_for_it() throws Exception {
            file(".github/ci.yml", "hit\n");
            assertThat(content(grep("pattern", "hit", "path", ".github"))).isEqualTo(".github/ci.yml:1: hit");
        }

        @Test
        void shows_invalid_utf8_as_replacement_characters() throws Exception {
            Files.write(workspace.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'h', 'i', 't'});
            assertThat(content(grep("pattern", "hit", "glob", "latin1.txt"))).isEqualTo("latin1.txt:1: caf\uFFFD hit");
        }
    }

    @Nested
    class Confinement {
        @Test
        void refuses_paths_that_leave_the_workspace() throws Exception {
            assertThat(failure(grep("pattern", "x", "path", "../.."))).contains("leaves the workspace");
            assertThat(failure(grep("pattern", "x", "path", "/etc"))).contains("is absolute");
            assertThat(failure(grep("pattern", "x", "path", "src\u0000"))).contains("NUL");
        }

        @Test
        void refuses_a_path_through_a_link_that_leads_outside() throws Exception {
            Files.writeString(outside.resolve("secret.txt"), "password=hunter2\n");
            Files.createSymbolicLink(workspace.resolve("out"), outside);
            Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));
            assertThat(failure(grep("pattern", "password", "path", "out"))).contains("outside the workspace");
            assertThat(failure(grep("pattern", "password", "path", "secret.txt"))).contains("outside the workspace");
        }

        @Test
        void does_not_follow_file_or_directory_links_while_walking() throws Exception {
            Files.writeString(outside.resolve("secret.txt"), "password=hunter2\n");
            Files.createSymbolicLink(workspace.resolve("out"), outside);
            Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));
            file("inside.txt", "no secrets\n");
            assertThat(content(grep("pattern", "password"))).isEqualTo("no matches for 'password'");
        }

        @Test
        void refuses_a_glob_that_climbs_out_or_is_absolute() throws Exception {
            assertThat(failure(grep("pattern", "x", "glob", "../*.txt"))).contains("climbs out with '..'");
            assertThat(failure(grep("pattern", "x", "glob", "/etc/*"))).contains("is absolute");
        }
    }

    @Nested
    class HostileRegexes {
        @Test
        void stops_nested_quantifiers_on_a_long_line_of_as_promptly_with_a_message() throws Exception {
            file("a.txt", "a".repeat(50_000) + "!\n");
            long start = System.nanoTime();
            String message = failure(grep("pattern", "(a+)+$"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(message).startsWith("pattern '(a+)+$' is too costly: on line 1 of a.txt (50001 characters)")
                    .contains("catastrophic backtracking").contains("simplify the pattern");
        }

        @Test
        void stops_patterns_that_explode_even_on_short_lines() throws Exception {
            String[][] bombs = {
                {"(.*a){30}", "a".repeat(40) + "b"},
                {"(a*)*\\1b", "a".repeat(30)},
                {"((a+)+)+$", "a".repeat(30) + "!"},
                {".*.*.*=.*", "x".repeat(3000)},
            };
            for (String[] bomb : bombs) {
                file("bomb.txt", "harmless line\n" + bomb[1] + "\n");
                long start = System.nanoTime();
                assertThat(failure(grep("pattern", bomb[0]))).as(bomb[0]).contains("is too costly: on line 2 of bomb.txt");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(bomb[0]).isLessThan(Duration.ofSeconds(5));
            }
        }

        @Test
        void stops_a_pattern_that_recurses_too_deep() throws Exception {
            file("a.txt", "ab".repeat(200_000) + "\n");
            String message = failure(grep("pattern", "(a|b)*c"));
            assertThat(message).contains("is too costly");
        }

        @Test
        void keeps_the_results_found_before_a_costly_line() throws Exception {
            file("1.txt", "aaa\n");
            file("2.txt", "a".repeat(50_000) + "!\n");
            String out = content(grep("pattern", "(a+)+$"));
            assertThat(out.lines().findFirst()).contains("1.txt:1: aaa");
            assertThat(out).contains("… pattern '(a+)+$' is too costly: on line 1 of 2.txt");
        }

        @Test
        void explains_an_invalid_regex_with_the_engine_s_reason() throws Exception {
            assertThat(failure(grep("pattern", "(unclosed"))).startsWith("pattern '(unclosed' is not a valid regular "
                    + "expression: Unclosed group near index 9");
            assertThat(failure(grep("pattern", "a{2,1}"))).contains("not a valid regular expression");
            assertThat(failure(grep("pattern", ""))).startsWith("'pattern' is empty");
        }
    }

    @Nested
    class LimitsAndArguments {
        @Test
        void reports_what_it_found_when_its_time_runs_out() throws Exception {
            for (int i = 0; i < 300; i++) {
                file("d/f" + i + ".txt", "hit\n");
            }
            // a deadline this close leaves no time after the safety margin: the search stops at once
            ToolResult result = call(new GrepTool(), workspace, args("pattern", "hit"), Instant.now());
            assertThat(content(result)).contains("… the search ran out of time after 0 s and is incomplete");
        }

        @Test
        void throws_interrupted_when_the_call_is_aborted() throws Exception {
            file("a.txt", "hit\n");
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> grep("pattern", "hit")).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }

        @Test
        void refuses_out_of_range_and_unknown_arguments() throws Exception {
            assertThat(failure(grep("pattern", "x", "max_results", 5000)))
                    .isEqualTo("'max_results' must be between 1 and 1000, got 5000");
            assertThat(failure(grep("pattern", "x", "max_results", 0))).contains("'max_results'");
            assertThat(failure(grep("pattern", "x", "regex", true)))
                    .isEqualTo("unknown argument 'regex'; grep takes case_insensitive, glob, max_results, path, pattern");
            assertThat(failure(grep("path", "."))).contains("'pattern'");
            assertThat(failure(grep("pattern", "x", "glob", "[a"))).contains("is not a valid glob");
        }

        @Test
        void suggests_close_names_for_a_missing_path() throws Exception {
            file("src/a.txt", "x");
            assertThat(failure(grep("pattern", "x", "path", "srv"))).contains("does not exist").contains("'src'");
        }
    }
}
