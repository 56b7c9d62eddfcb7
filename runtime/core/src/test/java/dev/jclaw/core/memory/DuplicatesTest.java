package dev.jclaw.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The merge rule on its own. The pairs of sentences that must never merge, and those that must, are run through the
 * memory service in memory-lucene's {@code MergeSafetyTest} (once with vectors that call every text the same, so that
 * only the identifiers decide, and once with the real embedding model).
 */
class DuplicatesTest {
    @Nested
    class NeverMerged {
        @Test
        void says_which_identifiers_differ() {
            assertThat(Duplicates.differences("The PagerDuty contract renews every August; Daniel is the account"
                    + " owner.", "The Figma contract renews every March; Sofia is the account owner."))
                    .containsExactly("august", "daniel", "figma", "march", "pagerduty", "sofia");
            assertThat(Duplicates.differences("周末值班由张伟负责", "周末值班由李娜负责"))
                    .containsExactlyInAnyOrder("张", "伟", "李", "娜");
            assertThat(Duplicates.differences("发布日期是3月5日", "发布日期是5月3日"))
                    .containsExactlyInAnyOrder("3月", "5日", "5月", "3日");
        }

        @Test
        void nor_sentences_that_are_not_similar_enough() {
            assertThat(Duplicates.near("The staging Redis port is 6380", "The staging Redis port is 6380", 0.9))
                    .isFalse();
        }
    }

    @Nested
    class Merged {
        @Test
        void reworded_sentences_with_the_same_identifiers_in_any_case_and_order() {
            assertThat(Duplicates.near("Deploys go through Jenkins", "All deploys go through Jenkins", 0.96)).isTrue();
            assertThat(Duplicates.near("周末值班由张伟负责", "张伟负责周末值班的", 0.96)).isTrue();
        }

        @Test
        void exact_duplicates_up_to_case_and_white_space() {
            assertThat(Duplicates.exact("The  staging Redis\nport is 6380", "the staging redis port is 6380")).isTrue();
            assertThat(Duplicates.exact("port 6380", "port 6379")).isFalse();
        }
    }
}
