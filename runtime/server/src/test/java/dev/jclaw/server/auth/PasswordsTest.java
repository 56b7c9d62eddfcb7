package dev.jclaw.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    static final Passwords PASSWORDS = new Passwords();

    @Nested
    class Hashing {
        @Test
        void makes_an_argon2id_phc_string_with_the_owasp_parameters_and_a_fresh_salt() {
            String a = PASSWORDS.hash("correct horse battery");
            String b = PASSWORDS.hash("correct horse battery");
            assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
            assertThat(a).isNotEqualTo(b);
            assertThat(a.split("\\$")).hasSize(6);
        }

        @Test
        void verifies_the_right_password_only() {
            String hash = PASSWORDS.hash("correct horse battery");
            assertThat(PASSWORDS.verify("correct horse battery", hash)).isTrue();
            assertThat(PASSWORDS.verify("correct horse batterY", hash)).isFalse();
            assertThat(PASSWORDS.verify("", hash)).isFalse();
        }

        @Test
        void refuses_damaged_or_foreign_hashes_instead_of_throwing() {
            assertThat(PASSWORDS.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$broken")).isFalse();
            assertThat(PASSWORDS.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
            assertThat(PASSWORDS.verify("x", "plain")).isFalse();
        }

        @Test
        void spends_about_as_long_on_an_unknown_user_as_on_a_wrong_password() {
            String hash = PASSWORDS.hash("correct horse battery");
            long[] wrong = new long[7];
            long[] nobody = new long[7];
            for (int i = 0; i < wrong.length; i++) {
                long t0 = System.nanoTime();
                PASSWORDS.verify("guess " + i, hash);
                long t1 = System.nanoTime();
                PASSWORDS.verifyNobody("guess " + i);
                nobody[i] = System.nanoTime() - t1;
                wrong[i] = t1 - t0;
            }
            Arrays.sort(wrong);
            Arrays.sort(nobody);
            // the fastest of each within a factor of three: both run one full argon2id verification, and the fastest
            // run is the one least disturbed by other work on a busy machine (a median is not: CI shares its cores)
            assertThat((double) nobody[0]).isBetween(wrong[0] / 3.0, wrong[0] * 3.0);
            assertThat(wrong[0]).as("one verification takes milliseconds, it is memory-hard").isGreaterThan(5_000_000L);
        }
    }

    @Nested
    class Policy {
        @Test
        void wants_eight_to_1024_characters_without_control_characters() {
            assertThat(Passwords.checkPolicy("12345678")).isEqualTo("12345678");
            assertThatThrownBy(() -> Passwords.checkPolicy("1234567")).hasMessageContaining("at least 8");
            assertThatThrownBy(() -> Passwords.checkPolicy("x".repeat(1025))).hasMessageContaining("at most 1024");
            assertThatThrownBy(() -> Passwords.checkPolicy("pass\nword")).hasMessageContaining("control")
                    .hasMessageNotContaining("pass\nword");
        }
    }

    @Nested
    class TokensAndKeys {
        @Test
        void issues_prefixed_256_bit_tokens_that_tell_their_kind() {
            String session = Tokens.issue(Tokens.Kind.SESSION);
            String key = Tokens.issue(Tokens.Kind.API_KEY);
            assertThat(session).startsWith("jcs_").hasSize(4 + 43);
            assertThat(key).startsWith("jck_").hasSize(4 + 43);
            assertThat(Tokens.kind(session)).contains(Tokens.Kind.SESSION);
            assertThat(Tokens.kind(key)).contains(Tokens.Kind.API_KEY);
            assertThat(Tokens.kind("0".repeat(64))).isEmpty();
            assertThat(Tokens.kind("jck_short")).isEmpty();
            assertThat(Tokens.issue(Tokens.Kind.API_KEY)).isNotEqualTo(key);
        }

        @Test
        void stores_the_sha256_and_compares_it_whole() {
            assertThat(Tokens.hash("abc").hex())
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(Tokens.same(Tokens.hash("abc"), Tokens.hash("abc"))).isTrue();
            assertThat(Tokens.same(Tokens.hash("abc"), Tokens.hash("abd"))).isFalse();
        }
    }
}
