package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {

    @Nested
    class Keys {
        @Test
        void split_into_channel_and_name_at_the_first_colon() {
            SessionKey key = new SessionKey("feishu:app:chat-42");
            assertThat(key.channel()).isEqualTo("feishu");
            assertThat(key.name()).isEqualTo("app:chat-42");
        }

        @Test
        void accept_unicode_names_and_exactly_two_hundred_characters() {
            assertThat(new SessionKey("web:爱丽丝 😀").name()).isEqualTo("爱丽丝 😀");
            String longest = "cli:" + "x".repeat(SessionKey.MAX_LENGTH - 4);
            assertThat(new SessionKey(longest).value()).hasSize(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "alice", ":x", "CLI:x", "1cli:x", "cli:", "cli: alice", "cli:alice ", "cli:a\nb",
            "cli:a\u0000b", "cli:a\u0085b", "cli:a\u2028b", "cli:a\uD800b", "c_li:x"})
        void refuse_malformed_keys_and_say_what_a_key_is(String bad) {
            assertThatThrownBy(() -> new SessionKey(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a session key is channel:name");
        }

        @Test
        void refuse_keys_longer_than_two_hundred_characters() {
            assertThatThrownBy(() -> new SessionKey("cli:" + "x".repeat(197)))
                    .hasMessageContaining("longer than 200 characters");
        }

        @Test
        void quote_a_bad_key_without_its_control_characters() {
            assertThatThrownBy(() -> new SessionKey("cli:a\nb")).message().contains("'cli:a?b'")
                    .doesNotContain("\n");
        }
    }

    @Nested
    class Ids {
        @Test
        void are_random_and_url_safe() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                SessionId session = SessionId.random();
                EntryId entry = EntryId.random();
                assertThat(session.value()).matches("[0-9a-f]{24}");
                assertThat(entry.value()).matches("[A-Za-z0-9_-]{22}");
                assertThat(seen.add(session.value())).isTrue();
                assertThat(seen.add(entry.value())).isTrue();
            }
        }

        @Test
        void refuse_anything_that_could_escape_a_path_or_a_query() {
            for (String bad : new String[] {"../../etc", "", "x".repeat(37), "a b", "a/b", "a'b"}) {
                assertThatThrownBy(() -> new EntryId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> new SessionId(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void accept_the_uuids_of_older_entries() {
            assertThat(new EntryId("0f8fad5b-d9cb-469f-a165-70867728950e").value()).hasSize(36);
        }
    }

    @Nested
    class Headers {
        final SessionHeader started = SessionHeader.started(SessionId.random(), new SessionKey("cli:a"),
                Instant.EPOCH);

        @Test
        void start_untitled_on_the_default_model_with_no_leaf() {
            assertThat(started.title()).isEmpty();
            assertThat(started.model()).isEmpty();
            assertThat(started.leaf()).isEmpty();
        }

        @Test
        void set_and_clear_title_and_model_with_an_empty_text() {
            SessionHeader named = started.withTitle("Trip to 北京").withModel("gpt-5-mini");
            assertThat(named.title()).contains("Trip to 北京");
            assertThat(named.model()).contains("gpt-5-mini");
            assertThat(named.withTitle("").withModel("").title()).isEmpty();
        }

        @Test
        void refuse_blank_long_or_multi_line_titles() {
            for (String bad : new String[] {" ", "x".repeat(201), "two\nlines"}) {
                assertThatThrownBy(() -> started.withTitle(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("a session's title is 1 to 200 characters");
            }
        }
    }
}
