package dev.jclaw.core.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    /** The identifiers listed for a text when the summary names none of them. */
    static List<String> found(String text) {
        String line = Identifiers.missingLine(List.of(text), "", 1_000, 100_000);
        return line.isEmpty() ? List.of() : Arrays.asList(line.substring(Identifiers.HEADING.length()).split(", "));
    }

    @Nested
    class Finding {
        @Test
        void finds_urls_without_trailing_punctuation() {
            assertThat(found("see https://example.com/a?b=1&c=2, then (http://x.org/y). and"
                    + " https://en.wikipedia.org/wiki/Java_(software)")).containsExactly(
                    "https://example.com/a?b=1&c=2", "http://x.org/y", "https://en.wikipedia.org/wiki/Java_(software)");
        }

        @Test
        void finds_absolute_and_relative_paths_but_not_and_or() {
            assertThat(found("edit /etc/nginx/nginx.conf and src/main/Foo.java, ~/notes/todo.md and/or ./run.sh"))
                    .containsExactly("/etc/nginx/nginx.conf", "src/main/Foo.java", "~/notes/todo.md");
        }

        @Test
        void finds_hashes_and_uuids_but_not_plain_words_or_numbers() {
            assertThat(found("commit 3f2a9c1d fixed it; run 123e4567-e89b-12d3-a456-426614174000 was defaced on"
                    + " 20240501")).containsExactly("3f2a9c1d", "123e4567-e89b-12d3-a456-426614174000");
        }

        @Test
        void finds_error_codes_tickets_and_constants() {
            assertThat(found("got E1234 and ERR_CONN_RESET then HTTP 404 for OPS-1234, see CVE-2024-3094;"
                    + " set JAVA_HOME")).containsExactly("E1234", "ERR_CONN_RESET", "HTTP 404", "OPS-1234",
                    "CVE-2024-3094", "JAVA_HOME");
        }

        @Test
        void finds_backticked_names_whole() {
            assertThat(found("call `parseConfig()` on `a b`")).containsExactly("parseConfig()", "a b");
        }

        @Test
        void lists_each_identifier_once_in_order_of_first_appearance() {
            assertThat(found("OPS-2 then OPS-1 then OPS-2")).containsExactly("OPS-2", "OPS-1");
        }

        @Test
        void finds_nothing_in_plain_prose() {
            assertThat(found("The user would like a friendly tone and short answers.")).isEmpty();
        }
    }

    @Nested
    class Missing {
        @Test
        void leaves_out_what_the_summary_already_names_as_a_whole() {
            String line = Identifiers.missingLine(List.of("tickets OPS-1 and OPS-12"), "worked on OPS-12", 10, 1_000);
            assertThat(line).isEqualTo(Identifiers.HEADING + "OPS-1");
        }

        @Test
        void is_empty_when_nothing_is_missing() {
            assertThat(Identifiers.missingLine(List.of("fix /a/b.c"), "fixed /a/b.c", 10, 1_000)).isEmpty();
        }

        @Test
        void takes_sources_in_the_order_given() {
            assertThat(Identifiers.missingLine(List.of("ABC-2", "ABC-1"), "", 10, 1_000))
                    .isEqualTo(Identifiers.HEADING + "ABC-2, ABC-1");
        }

        @Test
        void stays_within_its_count_and_length_bounds() {
            String many = String.join(" ", IntStream.range(1, 5_000).mapToObj(i -> "JOB-" + i).toList());
            String byCount = Identifiers.missingLine(List.of(many), "", 200, 100_000);
            assertThat(byCount.split(", ")).hasSize(200);
            assertThat(byCount).endsWith("JOB-200");
            String byLength = Identifiers.missingLine(List.of(many), "", 10_000, 4_000);
            assertThat(byLength).hasSizeLessThanOrEqualTo(4_000).startsWith(Identifiers.HEADING + "JOB-1, JOB-2,");
        }

        @Test
        void skips_overlong_matches_and_keeps_the_line_on_one_line() {
            String hostile = "https://x.org/" + "a".repeat(5_000) + " `line\u0085break` `ok\u0000no` OPS-7";
            assertThat(Identifiers.missingLine(List.of(hostile), "", 10, 1_000))
                    .isEqualTo(Identifiers.HEADING + "OPS-7");
        }

        @Test
        void searches_only_the_start_of_a_huge_source() {
            String big = "word /srv/data/file.txt 0123abcd ".repeat(100_000) + " LATE-1";
            long start = System.nanoTime();
            String line = Identifiers.missingLine(List.of(big, "then OPS-9"), "", 200, 4_000);
            assertThat(line).isEqualTo(Identifiers.HEADING + "/srv/data/file.txt, 0123abcd, OPS-9");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        }
    }
}
