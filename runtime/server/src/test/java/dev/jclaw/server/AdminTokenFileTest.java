package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.config.ConfigException;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code admin.token-file}: a generated admin token goes to an owner-only file, not to standard output. */
class AdminTokenFileTest {
    @TempDir
    Path home;

    JClawConfig config(String tokenFile) throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Map<String, String> env = new HashMap<>(TestServers.env(home, plugins));
        env.put("JCLAW_ADMIN_TOKEN_FILE", tokenFile);
        return ConfigLoader.builder().workingDir(home).environment(env).build().load();
    }

    @Test
    void writes_a_generated_token_to_an_owner_only_file_and_prints_only_where_it_is() throws Exception {
        TestServers.Started started = TestServers.start(config("secrets/admin-token"));
        try (JClawServer server = started.server()) {
            Path file = home.resolve("secrets/admin-token");
            String token = Files.readString(file).strip();

            assertThat(token).matches("[0-9a-f]{64}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(started.output()).contains("wrote it to " + file).doesNotContain(token);
            assertThat(JClawServerTest.get(server.url() + "/api/plugins", token).statusCode()).isEqualTo(200);
            try (var leftovers = Files.list(file.getParent())) {
                assertThat(leftovers).as("no temporary file is left").containsExactly(file);
            }
        }
    }

    @Test
    void leaves_the_file_alone_when_no_token_is_generated() throws Exception {
        TestServers.start(config("admin-token")).server().close(); // the first start generates and writes it
        String first = Files.readString(home.resolve("admin-token"));

        TestServers.Started second = TestServers.start(config("admin-token"));
        try (JClawServer server = second.server()) {
            assertThat(second.output()).doesNotContain("Generated");
            assertThat(Files.readString(home.resolve("admin-token"))).isEqualTo(first);
        }
    }

    @Test
    void a_file_that_cannot_be_written_stops_start_up_and_the_next_start_generates_a_new_token() throws Exception {
        Files.writeString(home.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> TestServers.start(config("not-a-dir/admin-token")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment JCLAW_ADMIN_TOKEN_FILE (admin.token-file): cannot write the generated admin"
                        + " token to " + home.resolve("not-a-dir/admin-token") + "; expected a path in a directory"
                        + " this user can write");
        assertThat(home.resolve("data/admin-token.sha256")).doesNotExist();
    }
}
