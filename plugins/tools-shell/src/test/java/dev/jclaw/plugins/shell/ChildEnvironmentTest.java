package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChildEnvironmentTest {

    private static final Path WORKSPACE = Path.of("/srv/work/alice");

    @Nested
    class Strips {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"OPENAI_API_KEY", "X_API_KEY", "my_api_key", "STRIPE_APIKEY", "GITHUB_TOKEN",
                "GH_TOKEN", "NPM_TOKEN", "JCLAW_ADMIN_TOKEN", "HF_TOKEN", "CLIENT_SECRET", "DJANGO_SECRET_KEY",
                "DB_PASSWORD", "PGPASSWORD", "MYSQL_PWD_PASSWD", "GPG_PASSPHRASE", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID",
                "ARM_CLIENT_ID", "GOOGLE_APPLICATION_CREDENTIALS", "GCLOUD_PROJECT", "CLOUDSDK_AUTH_ACCESS_TOKEN_FILE",
                "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "JCLAW_MODEL", "SSH_PRIVATE_KEY", "DOCKER_AUTH_KEY",
                "SOME_CREDENTIALS_FILE", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "DYLD_INSERT_LIBRARIES",
                "BASH_ENV", "ENV", "BASH_FUNC_ls%%", "PROMPT_COMMAND", "SHELLOPTS", "SSH_AUTH_SOCK", "KRB5CCNAME"})
        void names_that_look_like_secrets_or_injection_points(String name) {
            assertThat(ChildEnvironment.isSecret(name, "value")).as(name).isTrue();
            assertThat(new ChildEnvironment(Set.of()).build(Map.of(name, "value"), WORKSPACE)).doesNotContainKey(name);
        }

        @Test
        void values_that_are_urls_with_a_password() {
            Map<String, String> child = new ChildEnvironment(Set.of()).build(Map.of(
                    "DATABASE_URL", "postgres://app:s3cret@db.internal:5432/app",
                    "HTTPS_PROXY", "http://bob:pw@proxy:3128",
                    "UPSTREAM", "https://example.com/path@v1"), WORKSPACE);

            assertThat(child).doesNotContainKeys("DATABASE_URL", "HTTPS_PROXY")
                    .containsEntry("UPSTREAM", "https://example.com/path@v1");
        }
    }

    @Nested
    class Keeps {
        @Test
        void the_ordinary_variables_of_a_shell() {
            Map<String, String> host = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/alice", "LANG", "C.UTF-8",
                    "TERM", "xterm", "USER", "alice", "SHELL", "/bin/bash", "TZ", "Europe/Paris",
                    "JAVA_HOME", "/opt/jdk", "EDITOR", "vi", "TOKENIZERS_PARALLELISM_OFF", "1");

            Map<String, String> child = new ChildEnvironment(Set.of()).build(host, WORKSPACE);

            assertThat(child).containsAllEntriesOf(Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/alice",
                    "LANG", "C.UTF-8", "TERM", "xterm", "USER", "alice", "SHELL", "/bin/bash", "TZ", "Europe/Paris",
                    "JAVA_HOME", "/opt/jdk", "EDITOR", "vi"));
        }

        @Test
        void an_allowed_name_although_it_looks_secret() {
            Map<String, String> child = new ChildEnvironment(Set.of("GITHUB_TOKEN", "LD_LIBRARY_PATH"))
                    .build(Map.of("GITHUB_TOKEN", "ghp_x", "LD_LIBRARY_PATH", "/opt/lib", "NPM_TOKEN", "n"), WORKSPACE);

            assertThat(child).containsEntry("GITHUB_TOKEN", "ghp_x").containsEntry("LD_LIBRARY_PATH", "/opt/lib")
                    .doesNotContainKey("NPM_TOKEN");
        }

        @Test
        void allowed_names_match_exactly_and_case_sensitively() {
            Map<String, String> child = new ChildEnvironment(Set.of("GITHUB_TOKEN"))
                    .build(Map.of("github_token", "x", "GITHUB_TOKEN_2", "y"), WORKSPACE);

            assertThat(child).doesNotContainKeys("github_token", "GITHUB_TOKEN_2");
        }
    }

    @Nested
    class Sets {
        @Test
        void pwd_and_jclaw_workspace_to_the_workspace_over_the_hosts_values() {
            Map<String, String> child = new ChildEnvironment(Set.of())
                    .build(Map.of("PWD", "/opt/jclaw", "JCLAW_WORKSPACE", "/elsewhere"), WORKSPACE);

            assertThat(child).containsEntry("PWD", "/srv/work/alice").containsEntry("JCLAW_WORKSPACE", "/srv/work/alice");
        }

        @Test
        void nothing_else_and_leaves_the_host_map_alone() {
            Map<String, String> host = Map.of("PATH", "/bin", "X_API_KEY", "k");

            Map<String, String> child = new ChildEnvironment(Set.of()).build(host, WORKSPACE);

            assertThat(child).containsOnlyKeys("PATH", "PWD", "JCLAW_WORKSPACE");
            assertThat(host).containsOnlyKeys("PATH", "X_API_KEY");
        }
    }
}
