package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.args;
import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobToolTest {
    @TempDir
    Path tmp;

    Path workspace;
    Path outside;

    @BeforeEach
    void setUp() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("workspace"));
        outside = Files.createDirectories(tmp.resolve("outside"));
    }

    private ToolResult glob(Object... arguments) throws Exception {
        return call(new GlobTool(), workspace, args(arguments));
    }

    private void file(String name, long modifiedMillis) throws Exception {
        Path path = workspace.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.fromMillis(modifiedMillis));
    }

    @Nested
    class Order {
        @Test
        void lists_the_newest_first_and_breaks_ties_by_path() throws Exception {
            file("src/Old.java", 1_000_000);
            file("src/New.java", 3_000_000);
            file("b/Same.java", 2_000_000);
            file("a/Same.java", 2_000_000);
            assertThat(content(glob("pattern", "**/*.java")).lines())
                    .containsExactly("src/New.java", "a/Same.java", "b/Same.java", "src/Old.java");
        }

        @Test
        void stops_at_the_limit_and_says_how_many_more() throws Exception {
            for (int i = 0; i < 250; i++) {
                file("f" + i + ".txt", 1_000_000L + i);
            }
            String out = content(glob("pattern", "*.txt"));
            assertThat(out.lines()).hasSize(GlobTool.DEFAULT_LIMIT + 1).first().isEqualTo("f249.txt");
            assertThat(out.lines().toList().getLast()).isEqualTo("… 50 more; narrow the pattern or the path, or raise limit");
            assertThat(content(glob("pattern", "*.txt", "limit", 2)).lines())
                    .containsExactly("f249.txt", "f248.txt", "… 248 more; narrow the pattern or the path, or raise limit");
        }
    }

    @Nested
    class Patterns {
        @BeforeEach
        void tree() throws Exception {
            file("Top.java", 1);
            file("README.md", 2);
            file("src/A.java", 3);
            file("src/main/B.java", 4);
            file("docs/guide.md", 5);
        }

        @Test
        void matches_a_star_at_the_top_level_only() throws Exception {
            assertThat(content(glob("pattern", "*.java")).lines()).containsExactly("Top.java");
        }

        @Test
        void lets_double_star_slash_match_no_directory_at_all() throws Exception {
            assertThat(content(glob("pattern", "**/*.java")).lines())
                    .containsExactly("src/main/B.java", "src/A.java", "Top.java");
            assertThat(content(glob("pattern", "src/**/*.java")).lines())
                    .containsExactly("src/main/B.java", "src/A.java");
        }

        @Test
        void supports_alternatives_and_paths_relative_to_a_base_directory() throws Exception {
            assertThat(content(glob("pattern", "**/*.{md,java}")).lines()).hasSize(5);
            assertThat(content(glob("pattern", "*.java", "path", "src"))).isEqualTo("src/A.java");
            assertThat(content(glob("pattern", "./src/*.java"))).isEqualTo("src/A.java");
        }

        @Test
        void says_when_nothing_matches() throws Exception {
            assertThat(content(glob("pattern", "**/*.rs"))).isEqualTo("no files match '**/*.rs'");
            assertThat(content(glob("pattern", "nope/**/*.java"))).isEqualTo("no files match 'nope/**/*.java'");
            assertThat(content(glob("pattern", "*.rs", "path", "src"))).isEqualTo("no files match '*.rs' in 'src'");
        }

        @Test
        void skips_hidden_directories_unless_the_pattern_names_one() throws Exception {
            file(".git/config.java", 6);
            file(".github/workflows/ci.yml", 7);
            assertThat(content(glob("pattern", "**/*.java"))).doesNotContain(".git");
            assertThat(content(glob("pattern", "**/*.yml"))).startsWith("no files match");
            assertThat(content(glob("pattern", ".github/**/*.yml"))).isEqualTo(".github/workflows/ci.yml");
        }
    }

    @Nested
    class Confinement {
        @Test
        void skips_directory_and_file_links_that_lead_outside() throws Exception {
            Files.writeString(outside.resolve("secret.txt"), "x");
            Files.createSymbolicLink(workspace.resolve("out"), outside);
            Files.createSymbolicLink(workspace.resolve("secret.txt"), outside.resolve("secret.txt"));
            assertThat(content(glob("pattern", "**/*.txt"))).isEqualTo("no files match '**/*.txt'");
            assertThat(content(glob("pattern", "out/*.txt"))).isEqualTo("no files match 'out/*.txt'");
        }

        @Test
        void refuses_a_path_that_leaves_the_workspace() throws Exception {
            Files.createSymbolicLink(workspace.resolve("out"), outside);
            assertThat(failure(glob("pattern", "*", "path", ".."))).contains("leaves the workspace");
            assertThat(failure(glob("pattern", "*", "path", outside.toString()))).contains("is absolute");
            assertThat(failure(glob("pattern", "*", "path", "out"))).contains("outside the workspace");
            assertThat(failure(glob("pattern", "*", "path", "a\u0000"))).contains("NUL");
        }

        @Test
        void refuses_a_pattern_that_climbs_out_or_is_absolute() throws Exception {
            assertThat(failure(glob("pattern", "../outside/*")))
                    .isEqualTo("'pattern' '../outside/*' climbs out with '..'; globs only match below the directory "
                            + "searched; choose that directory with 'path' instead");
            assertThat(failure(glob("pattern", "src/../../*"))).contains("climbs out");
            assertThat(failure(glob("pattern", "/etc/*"))).contains("is absolute");
            assertThat(failure(glob("pattern", "*\u0000"))).contains("NUL");
        }
    }

    @Nested
    class Arguments {
        @Test
        void refuses_an_invalid_glob_with_the_reason() throws Exception {
            assertThat(failure(glob("pattern", "[abc"))).startsWith("pattern '[abc' is not a valid glob: ");
            assertThat(failure(glob("pattern", ""))).startsWith("'pattern' is empty");
        }

        @Test
        void refuses_a_base_that_is_a_file_or_missing() throws Exception {
            file("a.txt", 1);
            assertThat(failure(glob("pattern", "*", "path", "a.txt"))).startsWith("'a.txt' is a file, not a directory");
            assertThat(failure(glob("pattern", "*", "path", "missing"))).contains("does not exist");
        }

        @Test
        void refuses_out_of_range_and_unknown_arguments() throws Exception {
            assertThat(failure(glob("pattern", "*", "limit", 0))).isEqualTo("'limit' must be between 1 and 1000, got 0");
            assertThat(failure(glob("pattern", "*", "recursive", true)))
                    .isEqualTo("unknown argument 'recursive'; glob takes limit, path, pattern");
            assertThat(failure(glob("path", "."))).contains("'pattern'");
        }

        @Test
        void throws_interrupted_when_the_call_is_aborted() throws Exception {
            file("a.txt", 1);
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> glob("pattern", "*")).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
    }
}
