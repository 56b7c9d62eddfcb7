package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.server.admin.RuntimeFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code jclaw run} and {@code chat} choose between a server and this process, and read {@code --url}. */
class ServerTargetTest {
    @TempDir
    Path home;

    JClawConfig config() {
        return ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString())).build()
                .load();
    }

    @Nested
    class Url {
        @Test
        void url_and_its_value_leave_the_arguments_and_words_after_a_double_dash_stay() throws Exception {
            List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:8080", "hi"));
            assertThat(ServerTarget.takeUrl(args)).contains("http://127.0.0.1:8080");
            assertThat(args).containsExactly("hi");
            List<String> words = new ArrayList<>(List.of("--", "--url", "x"));
            assertThat(ServerTarget.takeUrl(words)).isEmpty();
            assertThat(words).containsExactly("--", "--url", "x");
        }

        @Test
        void url_without_an_address_is_a_usage_error() {
            assertThatThrownBy(() -> ServerTarget.takeUrl(new ArrayList<>(List.of("hi", "--url"))))
                    .isInstanceOf(UsageException.class).hasMessageContaining("--url needs a server's address");
        }

        @Test
        void only_a_plain_http_or_https_address_is_taken() {
            for (String bad : List.of("ftp://host", "http://", "http://host/path", "http://host?q=1",
                    "http://user:pw@host", "not a url", "http://ho\nst")) {
                assertThatThrownBy(() -> ServerTarget.find(config(), Optional.of(bad), Optional.of("t")))
                        .as(bad).isInstanceOf(ServerClient.ServerException.class)
                        .hasMessageContaining("is not a server address").hasMessageNotContaining("\n");
            }
        }

        @Test
        void url_needs_a_token_when_no_one_can_type_it() {
            assertThatThrownBy(() -> ServerTarget.find(config(), Optional.of("http://127.0.0.1:9"), Optional.of(" ")))
                    .isInstanceOf(ServerClient.ServerException.class).hasMessageContaining("JCLAW_TOKEN");
        }
    }

    @Nested
    class Local {
        @Test
        void without_server_json_the_turn_runs_in_this_process() throws Exception {
            assertThat(ServerTarget.find(config(), Optional.empty(), Optional.empty())).isEmpty();
        }

        @Test
        void a_server_json_whose_process_is_gone_or_that_does_not_answer_is_ignored() throws Exception {
            JClawConfig config = config();
            Files.createDirectories(config.dataDir());
            new RuntimeFile("http://127.0.0.1:9", Long.MAX_VALUE - 1, "t").write(config.dataDir());
            assertThat(ServerTarget.find(config, Optional.empty(), Optional.empty())).isEmpty();
            // alive (this process) but nothing listens there
            new RuntimeFile("http://127.0.0.1:9", ProcessHandle.current().pid(), "t").write(config.dataDir());
            assertThat(ServerTarget.find(config, Optional.empty(), Optional.empty())).isEmpty();
        }
    }
}
