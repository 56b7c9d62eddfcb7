package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.auth.Passwords;
import dev.jclaw.store.jdbc.JdbcIdentity;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jclaw users}, {@code jclaw keys} and {@code jclaw audit} in this process, on a real H2 user database. */
class IdentityCliTest {
    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    Run piped(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new BufferedReader(new StringReader(stdin)), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                explicit -> ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME",
                        home.toString())).build());
        int code = cli.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run jclaw(String... args) {
        return piped("", args);
    }

    @Nested
    class Users {
        @Test
        void adds_a_user_with_a_password_from_stdin_and_lists_it() {
            Run added = piped("erin's long password\n", "users", "add", "erin", "--tier", "yolo", "--password-stdin");
            assertThat(added.code()).as(added.err()).isZero();
            assertThat(added.err()).contains("added erin with the tier yolo");
            assertThat(added.out()).isEmpty();
            Run list = jclaw("users", "list");
            assertThat(list.out()).contains("NAME", "erin", "yolo", "enabled").doesNotContain("argon2");
            JsonObject json = Json.parseObject(jclaw("users", "list", "--json").out().strip());
            assertThat(json.string("tier")).isEqualTo("yolo");
            try (JdbcIdentity identity = JdbcIdentity.h2(home.resolve("data"))) {
                String hash = identity.users().list().getFirst().passwordHash();
                assertThat(new Passwords().verify("erin's long password", hash)).isTrue();
            }
        }

        @Test
        void generates_a_password_shows_it_once_on_stdout_and_it_works() {
            Run added = jclaw("users", "add", "frank", "--admin", "--generate");
            assertThat(added.code()).as(added.err()).isZero();
            String password = added.out().strip();
            assertThat(password).hasSize(20).matches("[A-Za-z0-9]+");
            assertThat(added.err()).contains("(admin)", "shown only this once");
            try (JdbcIdentity identity = JdbcIdentity.h2(home.resolve("data"))) {
                assertThat(new Passwords().verify(password, identity.users().list().getFirst().passwordHash()))
                        .isTrue();
            }
        }

        @Test
        void refuses_without_a_password_source_bad_names_weak_passwords_and_the_reserved_admin_name() {
            assertThat(jclaw("users", "add", "gina")).satisfies(r -> {
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.err()).contains("no terminal", "--password-stdin", "--generate");
            });
            assertThat(piped("x\n", "users", "add", "Bad Name", "--password-stdin").code()).isEqualTo(2);
            assertThat(piped("x\n", "users", "add", "o'brien; DROP TABLE users", "--password-stdin").err())
                    .contains("a user name is");
            assertThat(piped("short\n", "users", "add", "gina", "--password-stdin").err()).contains("at least 8");
            assertThat(jclaw("users", "add", "gina", "--tier", "root", "--generate").err())
                    .contains("read-only, approval or yolo");
            Run admin = jclaw("users", "add", "admin", "--generate");
            assertThat(admin.code()).isEqualTo(1);
            assertThat(admin.err()).contains("bootstrap admin token");
            assertThat(admin.out()).as("no password shown for a user that was not added").isEmpty();
            assertThat(jclaw("users", "list").err()).contains("no users yet");
        }

        @Test
        void changes_tier_password_and_state_and_removes_then_says_when_a_user_is_missing() {
            jclaw("users", "add", "hana", "--generate");
            assertThat(jclaw("users", "tier", "hana", "read-only").code()).isZero();
            assertThat(piped("new long password\n", "users", "passwd", "hana", "--password-stdin").code()).isZero();
            assertThat(jclaw("users", "disable", "hana").err()).contains("disabled hana");
            assertThat(jclaw("users", "list").out()).contains("read-only", "disabled");
            assertThat(jclaw("users", "enable", "hana").code()).isZero();
            assertThat(jclaw("users", "remove", "hana").code()).isZero();
            Run missing = jclaw("users", "remove", "hana");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).isEqualTo("jclaw: no user named 'hana'; see 'jclaw users list'\n");
            assertThat(jclaw("users", "frobnicate").code()).isEqualTo(2);
            assertThat(jclaw("users", "remove", "a", "b").code()).isEqualTo(2);
        }
    }

    @Nested
    class Keys {
        @Test
        void creates_a_key_printed_once_lists_it_with_last_use_and_revokes_it() {
            jclaw("users", "add", "ivan", "--generate");
            Run created = jclaw("keys", "create", "--user", "ivan", "--name", "build server");
            assertThat(created.code()).as(created.err()).isZero();
            String key = created.out().strip();
            assertThat(key).startsWith("jck_").hasSize(47);
            Run list = jclaw("keys", "list");
            assertThat(list.out()).contains("ivan", "never", "active", "build server").doesNotContain(key);
            String id = Json.parseObject(jclaw("keys", "list", "--user", "ivan", "--json").out().strip())
                    .string("id");
            assertThat(jclaw("keys", "revoke", id).err()).contains("revoked API key " + id);
            assertThat(jclaw("keys", "revoke", id).err()).contains("revoked already");
            assertThat(jclaw("keys", "list").out()).contains("revoked");
        }

        @Test
        void refuses_a_key_for_nobody_a_bad_name_and_a_malformed_id() {
            assertThat(jclaw("keys", "create", "--user", "nobody", "--name", "x").err()).contains("no user named");
            jclaw("users", "add", "judy", "--generate");
            assertThat(jclaw("keys", "create", "--user", "judy", "--name", "a\u001b[2Jb").err())
                    .contains("control");
            assertThat(jclaw("keys", "create", "--user", "judy").code()).isEqualTo(2);
            assertThat(jclaw("keys", "revoke", "'; DROP TABLE api_keys; --").code()).isEqualTo(2);
            assertThat(jclaw("keys", "list", "--json").out()).isEmpty();
        }
    }

    @Nested
    class Audit {
        @Test
        void shows_user_and_key_changes_with_the_terminal_user_as_actor_newest_first() {
            jclaw("users", "add", "kim", "--generate");
            jclaw("keys", "create", "--user", "kim", "--name", "ci");
            jclaw("users", "tier", "kim", "yolo");
            List<JsonObject> entries = jclaw("audit", "--json").out().lines().map(Json::parseObject).toList();
            assertThat(entries).extracting(e -> e.string("kind"))
                    .containsExactly("user.changed", "key.created", "user.added");
            assertThat(entries.getFirst().string("actor")).startsWith("cli");
            assertThat(entries.getLast().string("subject")).isEqualTo("kim");
            assertThat(jclaw("audit", "--kind", "key.created", "--json").out().lines()).hasSize(1);
            assertThat(jclaw("audit", "--since", "1h", "--limit", "2").out().lines()).hasSize(3);
            assertThat(jclaw("audit", "--user", "kim").out()).contains("user.added");
        }

        @Test
        void refuses_bad_filters_as_usage_errors() {
            for (List<String> bad : List.of(List.of("--kind", "nope"), List.of("--since", "later"),
                    List.of("--limit", "0"), List.of("--limit"), List.of("--colour"))) {
                String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("audit"), bad.stream())
                        .toArray(String[]::new);
                Run r = jclaw(args);
                assertThat(r.code()).as(bad.toString()).isEqualTo(2);
                assertThat(r.err()).as(bad.toString()).startsWith("jclaw: ").doesNotContain("Exception");
            }
        }
    }
}
