package dev.jclaw.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GlobsTest {

    private static boolean matches(String pattern, String path) {
        PathMatcher matcher = Globs.matcher(FileSystems.getDefault(), pattern);
        return matcher.matches(Path.of(path));
    }

    @Nested
    class Matching {
        @Test
        void lets_each_double_star_slash_also_match_no_directory() {
            assertThat(matches("**/*.java", "A.java")).isTrue();
            assertThat(matches("**/*.java", "a/b/A.java")).isTrue();
            assertThat(matches("src/**/test/**/*.java", "src/test/A.java")).isTrue();
            assertThat(matches("src/**/test/**/*.java", "src/x/test/y/A.java")).isTrue();
            assertThat(matches("src/**/*.java", "srcA.java")).isFalse();
        }

        @Test
        void keeps_a_single_star_within_one_directory() {
            assertThat(matches("*.java", "A.java")).isTrue();
            assertThat(matches("*.java", "a/A.java")).isFalse();
            assertThat(matches("src/*.java", "src/a/A.java")).isFalse();
        }

        @Test
        void ignores_a_leading_dot_slash() {
            assertThat(matches("./src/*.java", "src/A.java")).isTrue();
        }

        @Test
        void throws_for_an_invalid_glob() {
            assertThatThrownBy(() -> Globs.matcher(FileSystems.getDefault(), "[abc"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class LiteralPrefix {
        @Test
        void is_the_leading_directories_without_wildcards() {
            assertThat(Globs.literalPrefix("src/main/**/*.java")).isEqualTo("src/main");
            assertThat(Globs.literalPrefix("./docs/*.md")).isEqualTo("docs");
            assertThat(Globs.literalPrefix("src/{a,b}/*.java")).isEqualTo("src");
        }

        @Test
        void is_empty_when_the_pattern_starts_with_a_wildcard_or_is_one_name() {
            assertThat(Globs.literalPrefix("**/*.java")).isEmpty();
            assertThat(Globs.literalPrefix("README.md")).isEmpty();
            assertThat(Globs.literalPrefix("s?c/x")).isEmpty();
        }
    }

    @Nested
    class Problems {
        @Test
        void refuses_empty_absolute_climbing_nul_and_over_long_patterns() {
            assertThat(Globs.problem("glob", " ")).get().asString().contains("is empty");
            assertThat(Globs.problem("glob", "/etc/*")).get().asString().contains("is absolute");
            assertThat(Globs.problem("glob", "a/../../b")).get().asString().contains("climbs out");
            assertThat(Globs.problem("glob", "..")).get().asString().contains("climbs out");
            assertThat(Globs.problem("glob", "a\u0000")).get().asString().contains("NUL");
            assertThat(Globs.problem("glob", "*".repeat(Globs.MAX_PATTERN_CHARS + 1))).get().asString()
                    .contains("characters long");
        }

        @Test
        void accepts_dots_that_are_part_of_a_name() {
            assertThat(Globs.problem("glob", "..foo/*.txt")).isEmpty();
            assertThat(Globs.problem("glob", "**/.env")).isEmpty();
        }
    }
}
